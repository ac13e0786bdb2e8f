-- Knowledge base: help articles written by staff in Markdown (the HTML is rendered and sanitised once, at save),
-- grouped in categories, searched by customers in Bahasa Indonesia, and rated "was this helpful" once per customer.
--
-- Search: a weighted tsvector (title A, summary B, body C) over unaccented text with the 'indonesian' configuration
-- (its Snowball stemmer makes "pembayaran" find "bayar"), and a trigram index on the unaccented title for typos
-- ("pasword" still finds "password"). The bundled PostgreSQL 17 ships unaccent, pg_trgm and 'indonesian'; an
-- external server without them stops here with a message saying what to install, not halfway through.

do $$
begin
  create extension if not exists unaccent;
  create extension if not exists pg_trgm;
exception when others then
  raise exception 'The knowledge base needs the PostgreSQL extensions unaccent and pg_trgm: %', sqlerrm
    using hint = 'Install the contrib package of the server (postgresql-contrib), or have a superuser run '
      || '"create extension unaccent; create extension pg_trgm;" in this database, then start the hub again.';
end $$;

do $$
begin
  if not exists (select 1 from pg_ts_config where cfgname = 'indonesian') then
    raise exception 'The knowledge base searches with the text search configuration ''indonesian'' (PostgreSQL 12 or later); this server has none.';
  end if;
end $$;

-- unaccent() is only STABLE (it reads a dictionary named through search_path), so it cannot feed an index or a
-- generated column. This wrapper names the dictionary with its schema, which makes calling it immutable in fact.
do $$
declare
  schema_name text;
begin
  select n.nspname into schema_name from pg_extension e join pg_namespace n on n.oid = e.extnamespace
   where e.extname = 'unaccent';
  execute format('create function kb_unaccent(text) returns text language sql immutable parallel safe strict '
    || 'as $body$ select %I.unaccent(%L::regdictionary, $1) $body$', schema_name, quote_ident(schema_name) || '.unaccent');
end $$;

create table kb_categories (
  id          bigint generated always as identity primary key,
  slug        text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name        text not null,
  -- Where the category shows in the help page: lower first, then by name.
  position    integer not null default 100,
  created_at  timestamptz not null default now()
);

create table kb_articles (
  id             bigint generated always as identity primary key,
  slug           text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title          text not null,
  summary        text not null default '',
  body_markdown  text not null,
  -- Rendered from body_markdown and sanitised when saved; served as is.
  body_html      text not null,
  category_id    bigint references kb_categories (id),
  published      boolean not null default false,
  -- When it was last made visible to customers (kept while unpublished, for the editor).
  published_at   timestamptz,
  -- Counts of kb_votes, recomputed under the article's row lock at every vote.
  helpful_yes    integer not null default 0,
  helpful_no     integer not null default 0,
  updated_by     text,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  search         tsvector generated always as (
                   setweight(to_tsvector('indonesian'::regconfig, kb_unaccent(title)), 'A')
                   || setweight(to_tsvector('indonesian'::regconfig, kb_unaccent(summary)), 'B')
                   || setweight(to_tsvector('indonesian'::regconfig, kb_unaccent(body_markdown)), 'C')) stored
);
create index kb_articles_search_idx on kb_articles using gin (search);
create index kb_articles_title_trgm_idx on kb_articles using gin (kb_unaccent(title) gin_trgm_ops);
create index kb_articles_category_idx on kb_articles (category_id) where published;

-- One vote per article per customer; voting again changes it.
create table kb_votes (
  article_id   bigint not null references kb_articles (id) on delete cascade,
  customer_id  bigint not null references customers (id),
  helpful      boolean not null,
  voted_at     timestamptz not null default now(),
  primary key (article_id, customer_id)
);
