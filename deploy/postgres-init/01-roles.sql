-- Runs once, on the first start of the postgres container with an empty data volume (docker-entrypoint-initdb.d),
-- through psql as POSTGRES_USER connected to POSTGRES_DB (lyceum).
--
-- Creates the login role the application connects as. It is deliberately not a superuser and cannot bypass
-- row-level security, create databases or roles: it only gets data access (SELECT/INSERT/UPDATE/DELETE, sequences,
-- functions) through the default privileges that migration V202611210001__platform_app_role_grants.sql sets up when
-- Flyway runs as the schema owner (POSTGRES_USER).
--
-- Role name and password come from the container environment (see compose.yml):
--   LYCEUM_DB_APP_ROLE   role name, default lyceum_app; must equal the application's LYCEUM_DB_APP_ROLE
--   LYCEUM_APP_PASSWORD  its password, required
-- Changing them later needs ALTER ROLE by hand: this script does not run again on an initialised volume.

\set ON_ERROR_STOP on

\getenv app_role LYCEUM_DB_APP_ROLE
\if :{?app_role}
\else
    \set app_role lyceum_app
\endif

\getenv app_password LYCEUM_APP_PASSWORD
\if :{?app_password}
\else
    \warn 'LYCEUM_APP_PASSWORD is not set: refusing to create the application role without a password'
    SELECT 1/0 AS lyceum_app_password_missing;
\endif

CREATE ROLE :"app_role" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION
    PASSWORD :'app_password';

-- Explicit rather than relying on PUBLIC's defaults, which a hardened cluster may have revoked.
GRANT CONNECT ON DATABASE :"DBNAME" TO :"app_role";
GRANT USAGE ON SCHEMA public TO :"app_role";
