-- The reconciler walks the live messages in seq order, a page at a time. On (status, seq) each page had
-- to read and sort every live message after the cursor (four status ranges cannot be merged in seq
-- order), so a sweep over a backlog of n messages read about n²/1000 index entries: 27 million for a
-- 38,000-message backlog, enough to starve the dispatcher's own writes. Ordered by seq alone, a page reads
-- one page of entries.
drop index wa_messages_live_idx;
create index wa_messages_live_idx on wa_messages (seq) where status in ('queued', 'scheduled', 'sending', 'unknown');
