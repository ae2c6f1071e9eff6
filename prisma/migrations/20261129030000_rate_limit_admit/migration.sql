-- Login limits and the upstream quota in one call (issue 12): checks every counter of an attempt
-- before counting any, so a refused attempt counts nowhere and needs no refund. Counters keep the
-- shape of "rate_limits" (points in a window ending at "expire", epoch ms), so rate-limiter-flexible
-- can still read them (peek) and keep its own keys (admin sign-in throttling) in the same table.
--
-- Exact across processes: the attempt takes a transaction-scoped advisory lock per counter, in
-- key order (no deadlock), before it reads; each statement of a VOLATILE plpgsql function reads
-- with a fresh snapshot, so it sees every admission that held a lock before it. The locks end
-- with the calling statement's implicit transaction.
--
-- p_keys/p_limits: the login counters and their quotas, windows of p_window_ms that start at the
-- first counted attempt. p_upstream_key (NULL: none): the upstream quota's counter of one
-- wall-clock second, at most p_upstream_limit, kept p_upstream_ttl_ms.
-- verdict 'refused': login counter number refused_at (1-based) is at its quota; nothing counted.
-- verdict 'full': the upstream second is used up; nothing counted.
-- verdict 'granted': everything counted; used_points / reset_ms per login counter, after counting.
CREATE FUNCTION "rate_limit_admit"(
    p_now BIGINT,
    p_window_ms BIGINT,
    p_keys TEXT[],
    p_limits INTEGER[],
    p_upstream_key TEXT,
    p_upstream_limit INTEGER,
    p_upstream_ttl_ms BIGINT
) RETURNS TABLE (verdict TEXT, refused_at INTEGER, used_points INTEGER[], reset_ms INTEGER[])
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_all TEXT[] := p_keys || CASE WHEN p_upstream_key IS NULL THEN ARRAY[]::TEXT[] ELSE ARRAY[p_upstream_key] END;
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

    IF p_upstream_key IS NOT NULL THEN
        v_points := NULL;
        SELECT r.points INTO v_points FROM "rate_limits" r WHERE r.key = p_upstream_key AND r.expire > p_now;
        IF coalesce(v_points, 0) >= p_upstream_limit THEN
            RETURN QUERY SELECT 'full'::TEXT, NULL::INTEGER, NULL::INTEGER[], NULL::INTEGER[];
            RETURN;
        END IF;
        INSERT INTO "rate_limits" AS r (key, points, expire)
        VALUES (p_upstream_key, 1, p_now + p_upstream_ttl_ms)
        ON CONFLICT (key) DO UPDATE SET
            points = CASE WHEN r.expire IS NULL OR r.expire <= p_now THEN 1 ELSE r.points + 1 END,
            expire = CASE WHEN r.expire IS NULL OR r.expire <= p_now THEN EXCLUDED.expire ELSE r.expire END;
    END IF;

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
