namespace BrandForum.EventStore.Postgres;

/// <summary>The log's own tables on PostgreSQL. Never edit a shipped migration; add the next one.</summary>
internal static class PostgresSchema
{
    public const string MigrationsTable = """
        CREATE TABLE IF NOT EXISTS es_migrations (
          id         text PRIMARY KEY,
          applied_at timestamptz NOT NULL DEFAULT now()
        );
        """;

    public const string Log = """
        CREATE TABLE es_streams (
          stream_id   text PRIMARY KEY,
          stream_type text NOT NULL,
          version     bigint NOT NULL,
          created_at  timestamptz NOT NULL DEFAULT now(),
          updated_at  timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE es_events (
          position       bigint PRIMARY KEY,
          stream_id      text NOT NULL REFERENCES es_streams (stream_id),
          stream_type    text NOT NULL,
          version        bigint NOT NULL,
          event_id       uuid NOT NULL UNIQUE,
          event_type     text NOT NULL,
          schema_version int NOT NULL,
          data           jsonb NOT NULL,
          metadata       jsonb NOT NULL,
          recorded_at    timestamptz NOT NULL,
          UNIQUE (stream_id, version)
        );
        CREATE INDEX es_events_type_position ON es_events (event_type, position);

        -- One row: the last position handed out. Taking it is the last statement of every append, and
        -- PostgreSQL makes a transaction visible before it releases its row locks, so positions are
        -- gap-free and in commit order (no high-water mark, no gap detection).
        CREATE TABLE es_head (
          id       int PRIMARY KEY CHECK (id = 1),
          position bigint NOT NULL,
          epoch    uuid NOT NULL
        );
        INSERT INTO es_head (id, position, epoch) VALUES (1, 0, gen_random_uuid());

        CREATE TABLE es_checkpoints (
          name       text PRIMARY KEY,
          position   bigint NOT NULL DEFAULT 0,
          updated_at timestamptz NOT NULL DEFAULT now(),
          last_error text
        );

        -- One round trip per append. p_expected: -1 any, 0 no stream, n exactly n.
        CREATE FUNCTION es_append(
          p_stream_id text, p_stream_type text, p_expected bigint, p_event_ids uuid[], p_types text[],
          p_schemas int[], p_data jsonb[], p_metadata jsonb[], p_recorded_at timestamptz)
        RETURNS TABLE (new_version bigint, last_position bigint)
        LANGUAGE plpgsql AS $$
        DECLARE
          n int := cardinality(p_event_ids);
          v_current bigint;
          v_last bigint;
        BEGIN
          IF p_expected < 0 THEN
            INSERT INTO es_streams AS s (stream_id, stream_type, version) VALUES (p_stream_id, p_stream_type, n)
              ON CONFLICT (stream_id) DO UPDATE SET version = s.version + excluded.version, updated_at = now()
              RETURNING s.version - n INTO v_current;
          ELSE
            -- A row at version 0 exists only inside an append that locked a new stream for its inline projections.
            UPDATE es_streams SET version = version + n, updated_at = now()
              WHERE stream_id = p_stream_id AND version = p_expected
              RETURNING version - n INTO v_current;
            IF NOT FOUND AND p_expected = 0 THEN
              INSERT INTO es_streams (stream_id, stream_type, version) VALUES (p_stream_id, p_stream_type, n)
                ON CONFLICT DO NOTHING;
              IF FOUND THEN
                v_current := 0;
              END IF;
            END IF;
            IF v_current IS NULL THEN
              RAISE EXCEPTION 'stream % is not at version %', p_stream_id, p_expected USING ERRCODE = 'ES409';
            END IF;
          END IF;

          UPDATE es_head SET position = position + n WHERE id = 1 RETURNING position INTO v_last;

          INSERT INTO es_events (position, stream_id, stream_type, version, event_id, event_type, schema_version,
                                 data, metadata, recorded_at)
          SELECT v_last - n + u.ord, p_stream_id, p_stream_type, v_current + u.ord, u.id, u.t, u.s, u.d, u.m, p_recorded_at
          FROM unnest(p_event_ids, p_types, p_schemas, p_data, p_metadata) WITH ORDINALITY AS u (id, t, s, d, m, ord);

          PERFORM pg_notify('es_appended', v_last::text);
          RETURN QUERY SELECT v_current + n, v_last;
        END $$;
        """;
}
