-- The console's Performance page lists the slowest statements from pg_stat_statements
-- (GET /api/v1/ops/statements). The bundled PostgreSQL ships the extension and preloads it
-- (EmbeddedPostgresServer: shared_preload_libraries). An external server may not have it installed, and
-- the hub's role may not be allowed to create it (it is not a trusted extension: a superuser must), so
-- a failure here is only a notice: the hub runs on, and the endpoint answers {"available":false,"reason"}
-- until a DBA runs `create extension pg_stat_statements` in this database and preloads the library.
do $$
begin
  create extension if not exists pg_stat_statements;
exception when others then
  raise notice 'pg_stat_statements was not created (%); the slowest statements will not be shown', sqlerrm;
end
$$;
