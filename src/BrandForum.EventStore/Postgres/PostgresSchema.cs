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
          data           json NOT NULL,
          metadata       json NOT NULL,
          recorded_at    timestamptz NOT NULL,
          UNIQUE (stream_id, version)
        );
        CREATE INDEX es_events_type_position ON es_events (event_type, position);

        -- One row: the last position handed out. Taking it is the last statement of every append
        -- transaction, and PostgreSQL makes a transaction visible before it releases its row locks, so
        -- positions are gap-free and in commit order (no high-water mark, no gap detection).
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

        -- Step 1 of a group of appends: check and move each stream's version. A conflict is reported
        -- (current_version NULL, actual = the version found), not raised, so one stale append does not
        -- abort the others of its group. p_expected: -1 any, 0 no stream, n exactly n.
        CREATE FUNCTION es_reserve(p_stream_ids text[], p_stream_types text[], p_expected bigint[], p_counts int[])
        RETURNS TABLE (ord int, current_version bigint, actual bigint)
        LANGUAGE plpgsql AS $$
        DECLARE
          v bigint;
        BEGIN
          FOR i IN 1 .. coalesce(cardinality(p_stream_ids), 0) LOOP
            v := NULL;
            IF p_expected[i] < 0 THEN
              INSERT INTO es_streams AS s (stream_id, stream_type, version) VALUES (p_stream_ids[i], p_stream_types[i], p_counts[i])
                ON CONFLICT (stream_id) DO UPDATE SET version = s.version + excluded.version, updated_at = now()
                RETURNING s.version - p_counts[i] INTO v;
            ELSE
              UPDATE es_streams SET version = version + p_counts[i], updated_at = now()
                WHERE stream_id = p_stream_ids[i] AND version = p_expected[i]
                RETURNING version - p_counts[i] INTO v;
              IF v IS NULL AND p_expected[i] = 0 THEN
                INSERT INTO es_streams (stream_id, stream_type, version) VALUES (p_stream_ids[i], p_stream_types[i], p_counts[i])
                  ON CONFLICT DO NOTHING;
                IF FOUND THEN
                  v := 0;
                END IF;
              END IF;
            END IF;
            ord := i;
            current_version := v;
            actual := CASE WHEN v IS NULL THEN (SELECT version FROM es_streams WHERE stream_id = p_stream_ids[i]) END;
            RETURN NEXT;
          END LOOP;
        END $$;

        -- Step 2, the last statement before COMMIT: take positions for every event of the group from the
        -- head row, insert the events, and wake the other nodes (NOTIFY is delivered at commit).
        CREATE FUNCTION es_write(
          p_stream_ids text[], p_stream_types text[], p_versions bigint[], p_event_ids uuid[], p_types text[],
          p_schemas int[], p_data json[], p_metadata json[], p_recorded_at timestamptz[])
        RETURNS bigint
        LANGUAGE plpgsql AS $$
        DECLARE
          n int := cardinality(p_event_ids);
          v_last bigint;
        BEGIN
          UPDATE es_head SET position = position + n WHERE id = 1 RETURNING position INTO v_last;
          INSERT INTO es_events (position, stream_id, stream_type, version, event_id, event_type, schema_version,
                                 data, metadata, recorded_at)
          SELECT v_last - n + u.ord, u.sid, u.st, u.ver, u.id, u.t, u.s, u.d, u.m, u.at
          FROM unnest(p_stream_ids, p_stream_types, p_versions, p_event_ids, p_types, p_schemas, p_data, p_metadata, p_recorded_at)
            WITH ORDINALITY AS u (sid, st, ver, id, t, s, d, m, at, ord);
          PERFORM pg_notify('es_appended', v_last::text);
          RETURN v_last;
        END $$;

        -- A group of appends with no inline projection, in one statement and so one round trip:
        -- es_reserve for each append in order, then positions and rows for the accepted ones. The events
        -- arrays hold every append's events one after the other (p_counts says how many each).
        CREATE FUNCTION es_append_group(
          p_stream_ids text[], p_stream_types text[], p_expected bigint[], p_counts int[], p_event_ids uuid[],
          p_types text[], p_schemas int[], p_data json[], p_metadata json[], p_recorded_at timestamptz[])
        RETURNS TABLE (ord int, current_version bigint, actual bigint, last_position bigint)
        LANGUAGE plpgsql AS $$
        DECLARE
          n int := coalesce(cardinality(p_stream_ids), 0);
          currents bigint[] := array_fill(NULL::bigint, ARRAY[n]);
          actuals bigint[] := array_fill(NULL::bigint, ARRAY[n]);
          ends int[] := array_fill(0, ARRAY[n]);
          w_streams text[] := '{}';
          w_types text[] := '{}';
          w_versions bigint[] := '{}';
          w_sources int[] := '{}';
          r record;
          first int := 1;
          total int := 0;
          v_last bigint;
        BEGIN
          -- One call for the whole group: es_reserve checks the appends in order and returns them in order.
          FOR r IN SELECT * FROM es_reserve(p_stream_ids, p_stream_types, p_expected, p_counts) LOOP
            currents[r.ord] := r.current_version;
            actuals[r.ord] := r.actual;
            IF r.current_version IS NOT NULL THEN
              FOR k IN 0 .. p_counts[r.ord] - 1 LOOP
                w_streams := w_streams || p_stream_ids[r.ord];
                w_types := w_types || p_stream_types[r.ord];
                w_versions := w_versions || (r.current_version + 1 + k);
                w_sources := w_sources || (first + k);
              END LOOP;
              total := total + p_counts[r.ord];
              ends[r.ord] := total;
            END IF;
            first := first + p_counts[r.ord];
          END LOOP;

          IF total > 0 THEN
            UPDATE es_head SET position = position + total WHERE id = 1 RETURNING position INTO v_last;
            INSERT INTO es_events (position, stream_id, stream_type, version, event_id, event_type, schema_version,
                                   data, metadata, recorded_at)
            SELECT v_last - total + u.ord, u.sid, u.st, u.ver, p_event_ids[u.src], p_types[u.src], p_schemas[u.src],
                   p_data[u.src], p_metadata[u.src], p_recorded_at[u.src]
            FROM unnest(w_streams, w_types, w_versions, w_sources) WITH ORDINALITY AS u (sid, st, ver, src, ord);
            PERFORM pg_notify('es_appended', v_last::text);
          END IF;

          FOR i IN 1 .. n LOOP
            ord := i;
            current_version := currents[i];
            actual := actuals[i];
            last_position := CASE WHEN currents[i] IS NULL THEN NULL ELSE v_last - total + ends[i] END;
            RETURN NEXT;
          END LOOP;
        END $$;
        """;
}
