# syntax=docker/dockerfile:1
# The TCCC emulator image, for demos only (docker-compose.yml, profile `demo`): an offline stand-in
# for Tencent Cloud Contact Center whose admin API has no authentication. Never run it in production.
# Build from the repository root: docker build -f deploy/emulator.Dockerfile -t seatgate/ccc-emulator .

# The build stage starts exactly like deploy/gateway.Dockerfile's, so the two share its cached layers.
FROM node:20.20.2-bookworm-slim AS build
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
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json ./
COPY apps/ccc-emulator apps/ccc-emulator
RUN node node_modules/typescript/bin/tsc -p apps/ccc-emulator/tsconfig.build.json

# The emulator uses Node built-ins only: the runtime needs no node_modules at all.
FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=4100 \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/apps/ccc-emulator/package.json apps/ccc-emulator/
COPY --from=build /app/apps/ccc-emulator/dist apps/ccc-emulator/dist

USER node
EXPOSE 4100
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4100) + '/', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM closes every socket and exits 0 (apps/ccc-emulator/src/main.ts)
STOPSIGNAL SIGTERM
CMD ["node", "apps/ccc-emulator/dist/main.js"]
