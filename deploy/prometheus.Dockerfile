# Prometheus for docker-compose.yml's 'metrics' profile where prom/prometheus cannot be pulled: the binary of Debian's
# 'prometheus' package (it links only glibc) on the same Debian base. scripts/compose-test builds it with the binary
# in the build context: docker build -f deploy/prometheus.Dockerfile --build-arg BASE_IMAGE=... CONTEXT
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
COPY prometheus /bin/prometheus
ENTRYPOINT ["/bin/prometheus"]
