-- A common word ("同意", "submitter") matched tens of thousands of
-- documents, and ranking them read nearly every page of search_docs: on the
-- 100,000-case register, 22,900 of its 24,700 pages for "同意", more than
-- the server's default shared_buffers hold, so every search read them all
-- again from the operating system. Notes, opinions and letters are
-- weighted D alone, so their score has a ceiling that falls with their
-- length (pgstore/search_prune.go): a common word is ranked among the
-- cases first, from the cases' own index, and only the few other
-- documents short enough to beat the cases' last kept score are ranked
-- beside them.

-- The cases' documents alone: their pages (a third of the table) are all a
-- common word's ranking reads.
CREATE INDEX search_docs_cases_vec ON search_docs USING gin (vec) WHERE doc & 3 = 0;

-- The other documents by kind and number of words: the short ones, whose
-- ceiling may beat the cases, are found without reading the others.
CREATE INDEX search_docs_other_length ON search_docs ((doc & 3), length(vec)) WHERE doc & 3 <> 0;

ANALYZE search_docs;
