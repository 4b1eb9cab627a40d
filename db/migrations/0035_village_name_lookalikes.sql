-- Look-alike village names count as the same name (issue 12): a name typed with Cyrillic or Greek letters that look
-- like Latin ones, with zero-width characters, or with no-break or other Unicode spaces, is the same village as the
-- name typed plainly. The unique index of 0001 keyed names by search_key() (case and diacritics); it now keys them by
-- village_name_key(), so the database itself refuses the duplicate and two racing creations cannot both win.
--
-- village_name_key(): confusable letters mapped to the Latin letter they look like, zero-width characters (U+200B-
-- U+200D, U+2060, U+FEFF) removed, every run of spaces (tab, no-break space, U+1680, U+2000-U+200A, U+202F, U+205F,
-- U+3000 ...) made one space, surrounding spaces trimmed, then search_key() (unaccent + lower) as before.
CREATE FUNCTION village_name_key(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN search_key(btrim(regexp_replace(
        translate(value, 'АВЕКМНОРСТХУІЈЅҮҺԚԜаеорсухіјѕԁӏүһԛԝкΑΒΕΖΗΙΚΜΝΟΡΤΥΧαονικρυ' || U&'\200B\200C\200D\2060\FEFF',
                         'ABEKMHOPCTXYIJSYHQWaeopcyxijsdlyhqwkABEZHIKMNOPTYXaovikpu'),
        U&'[\0009\000A\000B\000C\000D \00A0\1680\2000-\200A\202F\205F\3000]+', ' ', 'g')));

-- Names already stored that are now the same name would make the index fail: say which, so that an official renames one.
DO $$
DECLARE
    clash text;
BEGIN
    SELECT string_agg(format('commune %s: %s', commune_code, names), '; ') INTO clash
    FROM (SELECT commune_code, string_agg(format('%s (%s)', name, id), ', ' ORDER BY name) AS names
          FROM villages GROUP BY commune_code, village_name_key(name) HAVING count(*) > 1) c;
    IF clash IS NOT NULL THEN
        RAISE EXCEPTION 'Village names that differ only by look-alike letters or invisible characters must be renamed first: %', clash;
    END IF;
END $$;

DROP INDEX villages_commune_name;
CREATE UNIQUE INDEX villages_commune_name ON villages (commune_code, village_name_key(name));
