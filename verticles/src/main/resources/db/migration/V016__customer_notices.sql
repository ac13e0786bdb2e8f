-- A customer's own choice of WhatsApp notices about their tickets and installation (portal preferences).
-- On by default: a customer who reported a fault wants to hear back.
alter table customers add column ticket_notices boolean not null default true;
alter table customers add column installation_notices boolean not null default true;
