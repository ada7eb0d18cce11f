# LoadRepro in a container, from a self-contained build published on the host (no SDK image needed):
#   dotnet publish src/LoadRepro.Cli/LoadRepro.Cli.csproj -c Release -r linux-x64 --self-contained -o artifacts/docker/loadrepro
# RUNTIME_IMAGE is any glibc Linux with ICU and OpenSSL: the official runtime-deps image, or a Debian base made with
# debootstrap and 'docker import' (scripts/compose-test). The image is the same as the Dockerfile's at the root.
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0
FROM ${RUNTIME_IMAGE}
WORKDIR /app
COPY artifacts/docker/loadrepro/ ./
COPY scenarios/ /app/scenarios/
ENV LOADREPRO_SCENARIOS=/app/scenarios
# The tiered compiler's thread never exits: at its descriptor limit the server could not start it again (docs/KERNEL-FACTS.md).
ENV DOTNET_TC_BackgroundWorkerTimeoutMs=FFFFFFFF
VOLUME /reports
ENTRYPOINT ["/app/loadrepro"]
CMD ["list"]
