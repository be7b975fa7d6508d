-- An opinion may be printed in another language than the committee's
-- (cases.DocumentLanguage: 'en', 'zh-Hans', 'zh-Hans+en'); '' follows the
-- committee's setting. Issued opinions are never rendered again, so the
-- default changes nothing that exists.
ALTER TABLE opinions ADD COLUMN language TEXT NOT NULL DEFAULT '' CHECK (language IN ('', 'en', 'zh-Hans', 'zh-Hans+en'));
