# syntax=docker/dockerfile:1
# The gateway image: the built gateway, the console it serves at / and the SQL migrations, on
# production dependencies only. The same image runs the one-shot migration job
# (`node apps/gateway/dist/cli.js migrate`) and every operator command of the CLI.
# Build from the repository root: docker build -f deploy/gateway.Dockerfile -t seatgate/gateway .
#
# glibc (Debian bookworm), amd64: the lock file holds only the linux-x64-gnu builds of the native
# optional packages (swc, rolldown, argon2 ...), so an alpine (musl) or arm64 base would miss them.

FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app
# Manifests first: this install layer is rebuilt only when a package.json or the lock changes.
COPY package.json package-lock.json ./
COPY libs/crypto/package.json libs/crypto/
COPY libs/contracts/package.json libs/contracts/
COPY libs/tccc-loader/package.json libs/tccc-loader/
COPY apps/ccc-emulator/package.json apps/ccc-emulator/
COPY apps/gateway/package.json apps/gateway/
COPY apps/demo-crm/package.json apps/demo-crm/
COPY apps/console/package.json apps/console/
COPY e2e/package.json e2e/
# Exactly the locked versions. No install scripts run: the repository allows none that the build
# needs (package.json `allowScripts`), and Prisma's engine download is not needed
# (scripts/prisma-generate.mjs).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# generates the Prisma client, then builds every workspace (libraries, gateway, console) into dist/
RUN node scripts/build.mjs

FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/crypto/package.json libs/crypto/
COPY libs/contracts/package.json libs/contracts/
COPY libs/tccc-loader/package.json libs/tccc-loader/
COPY apps/ccc-emulator/package.json apps/ccc-emulator/
COPY apps/gateway/package.json apps/gateway/
COPY apps/demo-crm/package.json apps/demo-crm/
COPY apps/console/package.json apps/console/
COPY e2e/package.json e2e/
# Production dependencies of the gateway and the two libraries it loads, nothing else (the console
# is static files). The devDependencies are dropped from the manifests first: otherwise the Prisma
# CLI (a devDependency that @prisma/client names as an optional peer) and all it pulls in would be
# kept by --omit=dev. Every remaining package keeps its locked version.
RUN npm pkg delete devDependencies \
    && npm pkg delete devDependencies --workspaces \
    && npm install --omit=dev --ignore-scripts --no-audit --no-fund \
        --workspace apps/gateway --workspace libs/crypto --workspace libs/contracts \
    && npm cache clean --force
COPY --from=build /app/libs/crypto/dist libs/crypto/dist
COPY --from=build /app/libs/contracts/dist libs/contracts/dist
# the gateway's dist/ includes the generated Prisma client (dist/generated/prisma)
COPY --from=build /app/apps/gateway/dist apps/gateway/dist
COPY --from=build /app/apps/console/dist apps/console/dist
# read by the migrator and by /health/ready (apps/gateway/dist/database → ../../../../prisma/migrations)
COPY prisma/migrations prisma/migrations

USER node
# 3000: HTTP (PORT); 9464: /metrics when SEATGATE_METRICS_PORT=9464 (keep it unpublished)
EXPOSE 3000 9464
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The gateway handles SIGTERM itself (drains in-flight requests, then exits 0), so node can be PID 1.
STOPSIGNAL SIGTERM
CMD ["node", "apps/gateway/dist/main.js"]
