-- A GIN index takes new entries into a pending list (fastupdate, on by
-- default) and merges them into its tree in batches, when the list passes
-- gin_pending_list_limit (4 MB) or a vacuum runs; until then every search
-- reads the whole list. On the 100,000-case register migrated for the
-- benchmarks, 34 pending pages made the index lookup of a rare word take
-- 0.14–0.17 ms instead of 0.006–0.010, and the search statement 0.49 ms
-- instead of 0.22; in daily use the list would grow to 512 pages between
-- merges. The register is searched far more often than written to, one
-- case or note at a time: its entries go straight into the tree.
ALTER INDEX search_docs_vec SET (fastupdate = off);
ALTER INDEX search_docs_cases_vec SET (fastupdate = off);

-- Turning fastupdate off does not merge what is already pending.
SELECT gin_clean_pending_list('search_docs_vec'::regclass);
SELECT gin_clean_pending_list('search_docs_cases_vec'::regclass);
