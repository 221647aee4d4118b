-- idmint segment IDs (ticket-server model): one row per biz tag holding the next value not yet handed out.
-- A segment is taken by ONE statement:
--   UPDATE idmint_segment SET next_value = GREATEST(next_value, :floor) + :step * stride ... RETURNING next_value
-- so it is never handed out twice, whoever asks. stride/remainder: this database hands out only values
-- = remainder (mod stride), for N databases sharing a biz tag (stride N, remainder 0..N-1); the CHECKs keep a
-- hand-edited row from breaking that. IF NOT EXISTS: a table applied by hand (migrate(false)) before is kept.
CREATE TABLE IF NOT EXISTS idmint_segment (
    biz_tag     varchar(128)  NOT NULL PRIMARY KEY,
    next_value  bigint        NOT NULL,
    step        integer       NOT NULL,
    stride      integer       NOT NULL,
    remainder   integer       NOT NULL,
    description varchar(256)  NOT NULL DEFAULT '',
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT idmint_segment_step_range CHECK (step BETWEEN 1 AND 10000000),
    CONSTRAINT idmint_segment_stride_range CHECK (stride BETWEEN 1 AND 1024 AND remainder >= 0 AND remainder < stride),
    CONSTRAINT idmint_segment_next_value_aligned CHECK (next_value >= 0 AND next_value % stride = remainder)
);

COMMENT ON TABLE idmint_segment IS 'idmint segment IDs: next value per biz tag; see idmint-segment SegmentStore';
COMMENT ON COLUMN idmint_segment.next_value IS 'first value not handed out yet; every issued ID of this store is below it';
COMMENT ON COLUMN idmint_segment.step IS 'IDs per segment new generators start with; each adapts its own';
