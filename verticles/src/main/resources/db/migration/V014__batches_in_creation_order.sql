-- The console lists recent batches newest first, paged like every other list (a cursor below the last one
-- shown). A batch's id is random, so it gets a number in creation order. Existing batches are numbered in the
-- order the table holds them; they are few and old.
alter table wa_batches add column seq bigint generated always as identity;
create unique index wa_batches_seq_key on wa_batches (seq);
