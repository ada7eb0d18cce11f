namespace LoadRepro.Tests.Reports;

/// <summary>
/// summary.json files exactly as the code wrote them before the record's kinds and modes were typed (the enums were strings
/// then): one of our own server in the lab, one of the user's own server, whose modes were written as "unknown".
/// </summary>
internal static class OldSummaryJson
{
    public const string EmbeddedInTheLab = """
        {
          "schema": "loadrepro.run/1",
          "scenario": "close-wait-leak",
          "startedAt": "2026-01-02T03:04:05+00:00",
          "durationSeconds": 0,
          "interrupted": false,
          "target": {
            "kind": "embedded",
            "url": "http://127.0.0.1:5000/",
            "pid": 42,
            "maxFds": 1024
          },
          "server": {
            "bug": "ignore-peer-fin",
            "keepAlive": "timeout=5s",
            "exited": true,
            "exitCode": 134,
            "exitReason": "died",
            "acceptErrors": {
              "EMFILE": 12
            }
          },
          "load": {
            "model": "rate",
            "connection": "httpclient-per-request",
            "http": "1.1",
            "rate": 500,
            "concurrency": 0,
            "durationSeconds": 4,
            "maxRequests": 100000
          },
          "client": {
            "requestsOk": 843,
            "requestsFailed": 1157,
            "lateArrivals": 0,
            "connectionsOpened": 1356,
            "throughputRps": 168.5,
            "errors": {},
            "latencyMs": {
              "p50": 5,
              "p90": 0,
              "p99": 88,
              "max": 0
            }
          },
          "samples": {
            "count": 50,
            "intervalMs": 100,
            "source": "netlink"
          },
          "phases": {
            "loadStartSeconds": 0.2,
            "loadStopSeconds": 4.2
          },
          "baseline": {
            "fds": 180,
            "socketFds": 0,
            "otherFds": 0,
            "cpuPercent": 0,
            "tcp": {
              "established": 0,
              "synSent": 0,
              "synRecv": 0,
              "finWait1": 0,
              "finWait2": 0,
              "timeWait": 0,
              "close": 0,
              "closeWait": 0,
              "lastAck": 0,
              "listen": 0,
              "closing": 0
            },
            "clientTcp": {
              "established": 0,
              "synSent": 0,
              "synRecv": 0,
              "finWait1": 0,
              "finWait2": 0,
              "timeWait": 0,
              "close": 0,
              "closeWait": 0,
              "lastAck": 0,
              "listen": 0,
              "closing": 0
            }
          },
          "peak": {
            "fds": 1023,
            "socketFds": 0,
            "otherFds": 0,
            "cpuPercent": 0,
            "tcp": {
              "established": 500,
              "synSent": 0,
              "synRecv": 0,
              "finWait1": 0,
              "finWait2": 0,
              "timeWait": 0,
              "close": 0,
              "closeWait": 1360,
              "lastAck": 0,
              "listen": 0,
              "closing": 0
            },
            "clientTcp": {
              "established": 0,
              "synSent": 0,
              "synRecv": 0,
              "finWait1": 0,
              "finWait2": 0,
              "timeWait": 0,
              "close": 0,
              "closeWait": 0,
              "lastAck": 0,
              "listen": 0,
              "closing": 0
            }
          },
          "final": {
            "fds": 1023,
            "socketFds": 0,
            "otherFds": 0,
            "cpuPercent": 0,
            "tcp": {
              "established": 0,
              "synSent": 0,
              "synRecv": 0,
              "finWait1": 0,
              "finWait2": 0,
              "timeWait": 0,
              "close": 0,
              "closeWait": 1356,
              "lastAck": 0,
              "listen": 0,
              "closing": 0
            },
            "clientTcp": {
              "established": 0,
              "synSent": 0,
              "synRecv": 0,
              "finWait1": 0,
              "finWait2": 0,
              "timeWait": 0,
              "close": 0,
              "closeWait": 0,
              "lastAck": 0,
              "listen": 0,
              "closing": 0
            }
          },
          "exhaustion": {
            "reached": true,
            "firstAtSeconds": 1.74,
            "evidence": [
              "descriptors reached 1023 of the limit 1024 at 1.78 s"
            ]
          },
          "diagnosis": {
            "kind": "close-wait-leak",
            "summary": "CLOSE_WAIT rose.",
            "predictedTimeWait": null,
            "projectedExhaustionSeconds": 1.7,
            "leakRatePerSecond": 497.7,
            "closeRatePerSecond": null,
            "measuredTimeWait": null,
            "timeWaitPlateauReached": null
          },
          "gates": [
            {
              "name": "diagnosis",
              "limit": "close-wait-leak",
              "actual": "close-wait-leak",
              "passed": true
            }
          ],
          "passed": true,
          "lab": {
            "profile": "short-port-range",
            "network": "veth",
            "serverNamespace": "lr-1-srv",
            "clientNamespace": "lr-1-cli",
            "sysctls": [
              {
                "name": "net.ipv4.tcp_tw_reuse",
                "requested": "1",
                "server": "1",
                "client": "1",
                "note": null
              }
            ],
            "portExhaustion": {
              "predictedConnections": 100,
              "measuredConnections": 99,
              "addressNotAvailable": 3,
              "reason": "ports"
            }
          },
          "host": {
            "kernel": "6.1",
            "sysctls": {
              "net.ipv4.tcp_fin_timeout": "60"
            },
            "clientFdLimit": "1024 / 4096"
          }
        }
        """ + "\n";

    public const string UsersOwnServer = """
        {
          "schema": "loadrepro.run/1",
          "scenario": "mine",
          "startedAt": "2026-01-02T03:04:05+00:00",
          "durationSeconds": 0,
          "interrupted": false,
          "target": {
            "kind": "external",
            "url": "http://127.0.0.1:8080/x",
            "pid": 7,
            "maxFds": 1024
          },
          "server": {
            "bug": "unknown",
            "keepAlive": "unknown",
            "exited": false,
            "exitCode": null,
            "exitReason": null,
            "acceptErrors": {}
          },
          "load": {
            "model": "concurrency",
            "connection": "keep-alive",
            "http": "1.0",
            "rate": 0,
            "concurrency": 8,
            "durationSeconds": 2,
            "maxRequests": 10
          },
          "client": {
            "requestsOk": 0,
            "requestsFailed": 0,
            "lateArrivals": 0,
            "connectionsOpened": 0,
            "throughputRps": 0,
            "errors": {},
            "latencyMs": {
              "p50": 0,
              "p90": 0,
              "p99": 0,
              "max": 0
            }
          },
          "samples": {
            "count": 3,
            "intervalMs": 100,
            "source": "proc"
          },
          "phases": {
            "loadStartSeconds": 0.2,
            "loadStopSeconds": 4.2
          },
          "baseline": {
            "fds": 180,
            "socketFds": 0,
            "otherFds": 0,
            "cpuPercent": 0,
            "tcp": {
              "established": 0,
              "synSent": 0,
              "synRecv": 0,
              "finWait1": 0,
              "finWait2": 0,
              "timeWait": 0,
              "close": 0,
              "closeWait": 0,
              "lastAck": 0,
              "listen": 0,
              "closing": 0
            },
            "clientTcp": {
              "established": 0,
              "synSent": 0,
              "synRecv": 0,
              "finWait1": 0,
              "finWait2": 0,
              "timeWait": 0,
              "close": 0,
              "closeWait": 0,
              "lastAck": 0,
              "listen": 0,
              "closing": 0
            }
          },
          "peak": {
            "fds": 180,
            "socketFds": 0,
            "otherFds": 0,
            "cpuPercent": 0,
            "tcp": {
              "established": 0,
              "synSent": 0,
              "synRecv": 0,
              "finWait1": 0,
              "finWait2": 0,
              "timeWait": 0,
              "close": 0,
              "closeWait": 0,
              "lastAck": 0,
              "listen": 0,
              "closing": 0
            },
            "clientTcp": {
              "established": 0,
              "synSent": 0,
              "synRecv": 0,
              "finWait1": 0,
              "finWait2": 0,
              "timeWait": 0,
              "close": 0,
              "closeWait": 0,
              "lastAck": 0,
              "listen": 0,
              "closing": 0
            }
          },
          "final": {
            "fds": 180,
            "socketFds": 0,
            "otherFds": 0,
            "cpuPercent": 0,
            "tcp": {
              "established": 0,
              "synSent": 0,
              "synRecv": 0,
              "finWait1": 0,
              "finWait2": 0,
              "timeWait": 0,
              "close": 0,
              "closeWait": 0,
              "lastAck": 0,
              "listen": 0,
              "closing": 0
            },
            "clientTcp": {
              "established": 0,
              "synSent": 0,
              "synRecv": 0,
              "finWait1": 0,
              "finWait2": 0,
              "timeWait": 0,
              "close": 0,
              "closeWait": 0,
              "lastAck": 0,
              "listen": 0,
              "closing": 0
            }
          },
          "exhaustion": {
            "reached": false,
            "firstAtSeconds": null,
            "evidence": []
          },
          "diagnosis": {
            "kind": "time-wait-accumulation",
            "summary": "TW.",
            "predictedTimeWait": null,
            "projectedExhaustionSeconds": null,
            "leakRatePerSecond": null,
            "closeRatePerSecond": null,
            "measuredTimeWait": null,
            "timeWaitPlateauReached": null
          },
          "gates": [],
          "passed": true,
          "lab": null,
          "host": null
        }
        """ + "\n";
}
