-- Every message is written three times (accepted, sending, sent), and a status change rewrites every index
-- entry of the row. Two indexes held entries they never needed:
-- - the idempotency key is absent from most messages, yet every write indexed its null;
-- - the creation time is only read in ranges (analytics), which a BRIN index serves at a fraction of the
--   upkeep, since messages arrive in time order.
alter table wa_messages drop constraint wa_messages_idempotency_key_key;
create unique index wa_messages_idempotency_key_key on wa_messages (idempotency_key) where idempotency_key is not null;
drop index wa_messages_created_idx;
create index wa_messages_created_brin on wa_messages using brin (created_at);
