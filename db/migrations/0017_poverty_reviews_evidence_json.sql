-- A review's evidence (indicators with their names and reasons, the classification's reasons, the standard's reason,
-- the procedure's steps) is read whole and never queried inside by SQL, except the survey import's comparison of a
-- live review's recorded answers. It is now stored as json: the text as written, checked to be JSON, instead of jsonb's
-- parsed binary form. Storing a review then costs the server about a third less (measured on 200,000 of the bulk
-- import's reviews: 12.7-13.3 s as jsonb, 8.4-10.9 s as json; bench/README.md, "Import of 1,000,000 survey rows"),
-- the table is about a tenth smaller, and what is read back is byte for byte what was recorded.
ALTER TABLE poverty_reviews
    ALTER COLUMN indicators TYPE json USING indicators::json,
    ALTER COLUMN reasons TYPE json USING reasons::json,
    ALTER COLUMN standard_reason TYPE json USING standard_reason::json,
    ALTER COLUMN steps DROP DEFAULT,
    ALTER COLUMN steps TYPE json USING steps::json,
    ALTER COLUMN steps SET DEFAULT '[]';

-- As 0013: lz4 where the server has it.
DO $$
BEGIN
    ALTER TABLE poverty_reviews
        ALTER COLUMN indicators SET COMPRESSION lz4,
        ALTER COLUMN reasons SET COMPRESSION lz4,
        ALTER COLUMN standard_reason SET COMPRESSION lz4,
        ALTER COLUMN steps SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server; poverty_reviews keeps pglz';
END
$$;
