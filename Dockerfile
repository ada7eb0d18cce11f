# LoadRepro in a container: one image for the test server and the load runner (see docker-compose.yml).
# Untested here (no Docker on the development machines); the compose test checks its structure only.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/LoadRepro.Cli/LoadRepro.Cli.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY scenarios/ /app/scenarios/
ENV LOADREPRO_SCENARIOS=/app/scenarios
VOLUME /reports
# Exec form: loadrepro is PID 1 and gets SIGTERM from 'docker stop' itself, so a run still writes its partial report.
ENTRYPOINT ["/app/loadrepro"]
CMD ["list"]
