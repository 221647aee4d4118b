package io.idmint.benchmarks.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits the byte stream of one keep-alive connection into HTTP/1.1 responses with a
 * {@code content-length} (all Vert.x sends for the ID endpoints) and hands each status and body to a
 * {@link Listener}. Far cheaper than a full codec, so a load generator's own cost stays small. Used by
 * {@code OpenLoopLoad} (status only) and the soak's connections (status and body).
 */
public final class HttpResponseDecoder extends ByteToMessageDecoder {
    /** Called on the connection's event loop. */
    public interface Listener {
        /** One response; its body is {@code length} bytes of {@code in} from {@code bodyStart}, valid during the call. */
        void onResponse(Channel from, int status, ByteBuf in, int bodyStart, int length);

        /** The stream could not be decoded, or the channel failed; the channel is being closed. */
        void failed(Channel from, Throwable cause);

        /** The channel closed. */
        void closed(Channel from);
    }

    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
    private final Listener listener;
    private final HeaderEnd headerEnd = new HeaderEnd();

    public HttpResponseDecoder(Listener listener) {
        this.listener = listener;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            int readable = in.readableBytes();
            headerEnd.reset();
            int lastLf = in.forEachByte(start, readable, headerEnd);
            if (lastLf < 0) {
                if (readable > MAX_HEADER_BYTES) {
                    throw new DecoderException("response header over " + MAX_HEADER_BYTES + " bytes");
                }
                return;
            }
            int bodyStart = lastLf + 1;
            if (bodyStart - start < 12 || in.getByte(start + 8) != ' ') {
                throw new DecoderException("not an HTTP/1.1 status line");
            }
            int status = (in.getByte(start + 9) - '0') * 100 + (in.getByte(start + 10) - '0') * 10
                    + (in.getByte(start + 11) - '0');
            long length = contentLength(in, start, bodyStart);
            if (length < 0) {
                throw new DecoderException("response without content-length (not supported): status " + status);
            }
            if (readable < bodyStart - start + length) {
                return;
            }
            in.readerIndex(bodyStart + (int) length);
            listener.onResponse(ctx.channel(), status, in, bodyStart, (int) length);
        }
    }

    private static long contentLength(ByteBuf in, int start, int end) {
        int lf = in.forEachByte(start, end - start, ByteProcessor.FIND_LF);
        while (lf >= 0 && lf + 1 < end) {
            int line = lf + 1;
            if (startsWithIgnoreCase(in, line, end, CONTENT_LENGTH)) {
                return number(in, line + CONTENT_LENGTH.length, end);
            }
            lf = in.forEachByte(line, end - line, ByteProcessor.FIND_LF);
        }
        return -1;
    }

    /** The decimal number after optional blanks at {@code from}, or -1. */
    private static long number(ByteBuf in, int from, int end) {
        long value = -1;
        for (int i = from; i < end; i++) {
            byte b = in.getByte(i);
            if (b >= '0' && b <= '9') {
                value = (value < 0 ? 0 : value * 10) + (b - '0');
            } else if (b != ' ' && b != '\t' || value >= 0) {
                break;
            }
        }
        return value;
    }

    private static boolean startsWithIgnoreCase(ByteBuf in, int at, int end, byte[] lowerCase) {
        if (end - at < lowerCase.length) {
            return false;
        }
        for (int i = 0; i < lowerCase.length; i++) {
            byte b = in.getByte(at + i);
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerCase[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        listener.failed(ctx.channel(), cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        listener.closed(ctx.channel());
        super.channelInactive(ctx);
    }

    /** Stops at the LF of the first CR LF CR LF. */
    private static final class HeaderEnd implements ByteProcessor {
        private int state;

        void reset() {
            state = 0;
        }

        @Override
        public boolean process(byte b) {
            if (b == '\r') {
                state = state == 2 ? 3 : 1;
            } else if (b == '\n') {
                if (state == 3) {
                    return false;
                }
                state = state == 1 ? 2 : 0;
            } else {
                state = 0;
            }
            return true;
        }
    }
}
