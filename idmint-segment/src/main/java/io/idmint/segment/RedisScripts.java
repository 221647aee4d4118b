package io.idmint.segment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Lua scripts of the Redis store: each segment operation is one script, which Redis runs atomically.
 *
 * <p>Values travel as decimal strings and are compared as strings (length, then digits), and the only
 * arithmetic is Redis's own {@code HINCRBY}: Lua numbers are doubles, exact only up to 2^53, and rounding a
 * next value would hand out IDs twice.
 */
final class RedisScripts {
    private RedisScripts() {}

    private static final String LESS = """
            local function less(a, b)
              if #a ~= #b then return #a < #b end
              for i = 1, #a do
                local x, y = string.byte(a, i), string.byte(b, i)
                if x ~= y then return x < y end
              end
              return false
            end
            """;

    /**
     * KEYS: hash, index set. ARGV: tag, from (floor aligned), span (step * stride), stride, remainder, step,
     * first value (aligned), now (ms), description. Returns {@code {'ok', next}} or {@code {'mismatch', stride, remainder}}.
     */
    static final Script TAKE = new Script(LESS + """
            local k = KEYS[1]
            if redis.call('EXISTS', k) == 0 then
              redis.call('HSET', k, 'next_value', ARGV[7], 'step', ARGV[6], 'stride', ARGV[4], 'remainder', ARGV[5],
                'description', ARGV[9], 'created_at', ARGV[8], 'updated_at', ARGV[8])
              redis.call('SADD', KEYS[2], ARGV[1])
            end
            local row = redis.call('HMGET', k, 'stride', 'remainder', 'next_value')
            if row[1] ~= ARGV[4] or row[2] ~= ARGV[5] then
              return {'mismatch', row[1] or '', row[2] or ''}
            end
            if less(row[3], ARGV[2]) then
              redis.call('HSET', k, 'next_value', ARGV[2])
            end
            redis.call('HINCRBY', k, 'next_value', ARGV[3])
            redis.call('HSET', k, 'updated_at', ARGV[8])
            return {'ok', redis.call('HGET', k, 'next_value')}
            """);

    /** KEYS: hash. ARGV: expected next, restored next, stride, remainder, now (ms). Returns 1 if returned, else 0. */
    static final Script GIVE_BACK = new Script("""
            local row = redis.call('HMGET', KEYS[1], 'next_value', 'stride', 'remainder')
            if row[1] == ARGV[1] and row[2] == ARGV[3] and row[3] == ARGV[4] then
              redis.call('HSET', KEYS[1], 'next_value', ARGV[2], 'updated_at', ARGV[5])
              return 1
            end
            return 0
            """);

    /** KEYS: hash, index set. ARGV: tag, next value, step, stride, remainder, description, now (ms). Returns 1 if created. */
    static final Script CREATE = new Script("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'next_value', ARGV[2], 'step', ARGV[3], 'stride', ARGV[4], 'remainder', ARGV[5],
              'description', ARGV[6], 'created_at', ARGV[7], 'updated_at', ARGV[7])
            redis.call('SADD', KEYS[2], ARGV[1])
            return 1
            """);

    /** A script's text and its SHA-1, for EVALSHA with EVAL as the fallback when Redis lost its script cache. */
    record Script(String text, String sha) {
        Script(String text) {
            this(text, sha1(text));
        }

        private static String sha1(String text) {
            try {
                byte[] d = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
                StringBuilder hex = new StringBuilder(40);
                for (byte b : d) {
                    hex.append(Character.forDigit(b >> 4 & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
                }
                return hex.toString();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-1", e);
            }
        }
    }
}
