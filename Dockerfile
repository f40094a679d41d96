# Verity server image. Build: docker build -t verity .   (docker-compose.yml uses it)
FROM swift:6.1-bookworm AS build
RUN apt-get update -qq && apt-get install -y -qq libpq-dev pkg-config && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Plugins ./Plugins
COPY Migrations ./Migrations
COPY Tests ./Tests
RUN swift build -c release --product verity --static-swift-stdlib \
    && cp "$(swift build -c release --show-bin-path)/verity" /verity

FROM debian:bookworm-slim
RUN apt-get update -qq && apt-get install -y -qq libpq5 ca-certificates tzdata && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 verity
COPY --from=build /verity /usr/local/bin/verity
USER verity
EXPOSE 8080
ENTRYPOINT ["verity"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080", "--migrate"]
