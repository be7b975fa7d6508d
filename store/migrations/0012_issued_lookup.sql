-- Verifying a PDF looks its SHA-256 up among issued opinions; without an
-- index that reads every stored PDF (the hash column follows the blob).
CREATE INDEX opinions_pdf_sha256 ON opinions (pdf_sha256) WHERE state = 'issued';
