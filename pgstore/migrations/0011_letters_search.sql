-- Letters issued to a submitter are found by search, as on a file
-- (store/migrations/0020_letters_search_and_duties.sql). A kept letter is
-- an attachment (cases/letters_kept.go) whose letter_text holds its title
-- and what it says beyond the letterhead; uploads keep ''. Its search
-- document is doc = id * 4 + 3, weighted as a note (D), written with the
-- attachment (pgstore/search_index.go).
-- (IF NOT EXISTS: a version in between added the column alone, to copy
-- it, without indexing letters.)
ALTER TABLE attachments ADD COLUMN IF NOT EXISTS letter_text text NOT NULL DEFAULT '';

-- Letters kept before this migration without their text are known by
-- their audit entry; their file name ("EC-2026-0042 letter
-- acknowledgement 2026-03-02.pdf") is the text they can be found by. A
-- letter copied from a file keeps the text it has. The server indexes
-- them once this file is applied (indexKeptLetters in pgstore/open.go):
-- the vectors are built by textindex, not by SQL.
UPDATE attachments SET letter_text = replace(file_name, '.pdf', '')
    WHERE letter_text = '' AND id IN (SELECT entity_id FROM audit_log WHERE action = 'letter.issue' AND entity = 'attachment');
