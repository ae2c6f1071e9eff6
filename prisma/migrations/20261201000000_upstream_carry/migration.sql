-- The upstream quota's carry (limits/upstream-quota.ts, carryMs): a slot granted late in its
-- second must have room in the next second's counter too, and counts in both, because a call
-- slowed on its way reaches TCCC in the next second. rate_limit_admit gains p_upstream_carry_key
-- (NULL: none), the next second's counter, with the same limit and TTL as p_upstream_key.
--
-- A new overload, not a replacement: a replica still running the previous release calls the
-- seven-argument form during a rolling upgrade, which now answers through this one.
CREATE FUNCTION "rate_limit_admit"(
    p_now BIGINT,
    p_window_ms BIGINT,
    p_keys TEXT[],
    p_limits INTEGER[],
    p_upstream_key TEXT,
    p_upstream_limit INTEGER,
    p_upstream_ttl_ms BIGINT,
    p_upstream_carry_key TEXT
) RETURNS TABLE (verdict TEXT, refused_at INTEGER, used_points INTEGER[], reset_ms INTEGER[])
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_upstream TEXT[] := CASE
        WHEN p_upstream_key IS NULL THEN ARRAY[]::TEXT[]
        WHEN p_upstream_carry_key IS NULL THEN ARRAY[p_upstream_key]
        ELSE ARRAY[p_upstream_key, p_upstream_carry_key]
    END;
    v_all TEXT[] := p_keys || v_upstream;
    v_key TEXT;
    v_points INTEGER;
    v_expire BIGINT;
    v_used INTEGER[] := ARRAY[]::INTEGER[];
    v_reset INTEGER[] := ARRAY[]::INTEGER[];
    v_n INTEGER := coalesce(array_length(p_keys, 1), 0);
    i INTEGER;
BEGIN
    IF v_n <> coalesce(array_length(p_limits, 1), 0) THEN
        RAISE EXCEPTION 'rate_limit_admit: % keys but % limits', v_n, coalesce(array_length(p_limits, 1), 0);
    END IF;
    FOR v_key IN SELECT DISTINCT k FROM unnest(v_all) AS k ORDER BY k LOOP
        PERFORM pg_advisory_xact_lock(hashtextextended('seatgate.rate_limits:' || v_key, 0));
    END LOOP;

    FOR i IN 1 .. v_n LOOP
        v_points := NULL;
        v_expire := NULL;
        SELECT r.points, r.expire INTO v_points, v_expire FROM "rate_limits" r WHERE r.key = p_keys[i];
        IF v_expire IS NULL OR v_expire <= p_now THEN
            v_points := 0;
            v_expire := p_now + p_window_ms;
        END IF;
        IF v_points >= p_limits[i] THEN
            RETURN QUERY SELECT 'refused'::TEXT, i, ARRAY[v_points], ARRAY[(v_expire - p_now)::INTEGER];
            RETURN;
        END IF;
        v_used := v_used || (v_points + 1);
        v_reset := v_reset || (v_expire - p_now)::INTEGER;
    END LOOP;

    FOREACH v_key IN ARRAY v_upstream LOOP
        v_points := NULL;
        SELECT r.points INTO v_points FROM "rate_limits" r WHERE r.key = v_key AND r.expire > p_now;
        IF coalesce(v_points, 0) >= p_upstream_limit THEN
            RETURN QUERY SELECT 'full'::TEXT, NULL::INTEGER, NULL::INTEGER[], NULL::INTEGER[];
            RETURN;
        END IF;
    END LOOP;
    FOREACH v_key IN ARRAY v_upstream LOOP
        INSERT INTO "rate_limits" AS r (key, points, expire)
        VALUES (v_key, 1, p_now + p_upstream_ttl_ms)
        ON CONFLICT (key) DO UPDATE SET
            points = CASE WHEN r.expire IS NULL OR r.expire <= p_now THEN 1 ELSE r.points + 1 END,
            expire = CASE WHEN r.expire IS NULL OR r.expire <= p_now THEN EXCLUDED.expire ELSE r.expire END;
    END LOOP;

    FOR i IN 1 .. v_n LOOP
        INSERT INTO "rate_limits" AS r (key, points, expire)
        VALUES (p_keys[i], 1, p_now + p_window_ms)
        ON CONFLICT (key) DO UPDATE SET
            points = CASE WHEN r.expire IS NULL OR r.expire <= p_now THEN 1 ELSE r.points + 1 END,
            expire = CASE WHEN r.expire IS NULL OR r.expire <= p_now THEN EXCLUDED.expire ELSE r.expire END;
    END LOOP;
    RETURN QUERY SELECT 'granted'::TEXT, NULL::INTEGER, v_used, v_reset;
END
$$;

-- the previous release's form, answering through the new one (no carry)
CREATE OR REPLACE FUNCTION "rate_limit_admit"(
    p_now BIGINT,
    p_window_ms BIGINT,
    p_keys TEXT[],
    p_limits INTEGER[],
    p_upstream_key TEXT,
    p_upstream_limit INTEGER,
    p_upstream_ttl_ms BIGINT
) RETURNS TABLE (verdict TEXT, refused_at INTEGER, used_points INTEGER[], reset_ms INTEGER[])
LANGUAGE sql VOLATILE AS $$
    SELECT * FROM "rate_limit_admit"(p_now, p_window_ms, p_keys, p_limits, p_upstream_key,
                                     p_upstream_limit, p_upstream_ttl_ms, NULL::TEXT)
$$;
