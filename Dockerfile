# LoadRepro in a container, built from source: one image for the test server and the load runner (docker-compose.yml).
# Needs the .NET images from mcr.microsoft.com. Where no registry is reachable, build from a folder published on the
# host instead: deploy/published.Dockerfile (scripts/compose-test does that on a Debian base made with debootstrap).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
# Self-contained: the image needs no .NET runtime of its own, so the same runtime base serves both Dockerfiles.
RUN dotnet publish src/LoadRepro.Cli/LoadRepro.Cli.csproj -c Release -r linux-x64 --self-contained -o /app --nologo

FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY scenarios/ /app/scenarios/
ENV LOADREPRO_SCENARIOS=/app/scenarios
# The tiered compiler's thread never exits: at its descriptor limit the server could not start it again (docs/KERNEL-FACTS.md).
ENV DOTNET_TC_BackgroundWorkerTimeoutMs=FFFFFFFF
VOLUME /reports
# Exec form: loadrepro is PID 1 and gets SIGTERM from 'docker stop' itself, so a run still writes its partial report.
ENTRYPOINT ["/app/loadrepro"]
CMD ["list"]
