-- The signed bytes of a request batch, kept from its commit until the file is in the outbox (status SENT), so an
-- export killed between commit and file is finished by the next sync (docs/batch-format.md, "Transport").
ALTER TABLE ho_batch ADD COLUMN content BLOB;
