# blindspot container image: a static (musl) binary on an empty base, run as a non-root
# user. Build: docker build -t blindspot .   (add --build-arg BLINDSPOT_COMMIT=$(git rev-parse HEAD)
# so `blindspot --version` names the commit; .git is not sent to the build).
# Use:   docker run --rm -v "$PWD:/src" ghcr.io/blindspot-iac/blindspot scan .

# ---- build stage: Alpine's Rust targets musl, so the binary is fully static.
FROM rust:1.95-alpine AS build
# hadolint ignore=DL3018
RUN apk add --no-cache musl-dev gcc
WORKDIR /build
COPY . .
ARG BLINDSPOT_COMMIT=""
ENV BLINDSPOT_COMMIT=${BLINDSPOT_COMMIT}
RUN cargo build --locked --profile dist --bin blindspot \
    && cp target/dist/blindspot /usr/local/bin/blindspot \
    && /usr/local/bin/blindspot --version

# ---- runtime stage: nothing but the binary.
FROM scratch
LABEL org.opencontainers.image.title="blindspot" \
      org.opencontainers.image.description="Finds security logging and monitoring gaps in Terraform and CloudFormation" \
      org.opencontainers.image.source="https://github.com/blindspot-iac/blindspot" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build /usr/local/bin/blindspot /usr/local/bin/blindspot
# The scanned code is mounted here; the report goes to stdout (redirect it on the host),
# or run with --user "$(id -u):$(id -g)" to let --output write into the mount.
ENV PATH=/usr/local/bin
WORKDIR /src
USER 65532:65532
ENTRYPOINT ["blindspot"]
CMD ["scan", "."]
