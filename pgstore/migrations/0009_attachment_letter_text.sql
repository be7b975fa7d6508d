-- The register file's attachments carry the text a kept letter is found
-- by (SQLite's 0020); the column is copied so that migrate takes a
-- register of this version. Letters are not yet in this store's search.
ALTER TABLE attachments ADD COLUMN letter_text text NOT NULL DEFAULT '';
