-- A batch is stored whole or not at all (its row and its messages in one transaction), and a client that
-- lost the answer asks again with the same idempotency key: the batch row keeps the answer it was given
-- (how many were accepted, which items were rejected and why) to give it again.
alter table wa_batches
  add column idempotency_key text,
  add column accepted        integer,
  add column rejected        jsonb;

-- Most batches come without a key, so the index leaves their nulls out (as V008 does for messages).
create unique index wa_batches_idempotency_key_key on wa_batches (idempotency_key) where idempotency_key is not null;
