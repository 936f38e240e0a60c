-- 100: the committee's own wording of the mail about a cooperative's
-- application (receipt, status, decision at publication), per language.
-- A language without a row uses the built-in text (edition_mail.c), whose
-- translation falls back ar -> fr -> en like every message.
CREATE TABLE mail_template (
  kind TEXT NOT NULL,            -- 'application'
  lang TEXT NOT NULL CHECK (lang IN ('ar', 'fr', 'en')),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL,      -- ISO-8601 UTC
  updated_by INTEGER REFERENCES account(id) ON DELETE SET NULL,
  PRIMARY KEY (kind, lang)
);
