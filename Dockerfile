# Build: docker build -t ombud --build-arg VERSION=v0.1.0 .
# Run:   docker run --rm -v ombud-data:/data ombud policy list
#        docker run --rm -it -v ombud-data:/data ombud    (the console needs a terminal: -it)
# Back up while it runs: docker exec CONTAINER /ombud store backup /data/backup-2026-12-01.db

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=""
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/ombud ./cmd/ombud \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ombud /ombud
ENV OMBUD_DATA_DIR=/data
# The embedded store writes here; mount a volume so cases survive the container.
# distroless's nonroot user (65532) must be able to write to the volume.
COPY --from=build --chown=65532:65532 /out/data /data
VOLUME /data
USER nonroot
ENTRYPOINT ["/ombud"]
