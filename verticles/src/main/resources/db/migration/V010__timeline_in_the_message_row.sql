-- A message's timeline moves into its own row, as a JSON array of {"at","status","detail"} entries, oldest
-- first. As rows of their own, every message's three timeline events on its way out (accepted, sending,
-- sent) cost an insert into a table and its two indexes each: measured with bench/dispatch.sh, a fifth of
-- the machine's CPU per message. Appended to the row that changes anyway, an event costs only its bytes,
-- and (the column being unindexed) the update stays HOT where it was.
alter table wa_messages add column timeline jsonb not null default '[]';

update wa_messages m set timeline = e.entries
  from (select message_id,
               jsonb_agg(jsonb_build_object('at', at, 'status', status, 'detail', detail) order by id) as entries
          from wa_message_events group by message_id) e
 where e.message_id = m.id;

drop table wa_message_events;
