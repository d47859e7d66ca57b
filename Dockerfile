# recovery-sim for sharded sweeps (docs/deploy.md). The entry point is the CLI:
#   docker run --rm recovery-sim sweep random-faults --seeds 1..100
# The deploy scripts run with: --entrypoint bash recovery-sim deploy/sweep-shard.sh

# Build: every dependency, then the TypeScript compiled to dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No scripts: `prepare` would build before the sources are here.
RUN npm ci --ignore-scripts
# tsconfig.build.json compiles sim/, src/ and bench/.
COPY tsconfig.json tsconfig.build.json ./
COPY sim ./sim
COPY src ./src
COPY bench ./bench
RUN npm run build

# Runtime: production dependencies, the compiled code, the bundled scenarios, the deploy scripts.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY scenarios ./scenarios
COPY docs ./docs
COPY deploy/*.sh ./deploy/
# Shard outputs go to /out (a volume), writable by the non-root user the image runs as.
RUN mkdir /out && chown node:node /out
VOLUME /out
USER node
ENTRYPOINT ["node", "bin/recovery-sim.js"]
CMD ["--help"]
