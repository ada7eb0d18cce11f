using LoadRepro.Core.Sysctls;

namespace LoadRepro.Tests.Sysctls;

/// <summary>The reader on a folder laid out like /proc/sys, and once on the real one.</summary>
public sealed class SysctlReaderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "loadrepro-sysctl-" + Guid.NewGuid().ToString("N")[..8]);

    public SysctlReaderTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "net", "ipv4"));
        File.WriteAllText(Path.Combine(_root, "net", "ipv4", "tcp_tw_reuse"), "1\n");
        File.WriteAllText(Path.Combine(_root, "net", "ipv4", "ip_local_port_range"), "50000\t50099\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Read_TakesADottedName_AndCollapsesTheKernelsWhitespace()
    {
        var reader = new SysctlReader(_root);

        Assert.Equal("1", reader.Read("net.ipv4.tcp_tw_reuse"));
        Assert.Equal("50000 50099", reader.Read("net.ipv4.ip_local_port_range"));
    }

    [Fact]
    public void Read_OfWhatIsNotThere_OrIsAFolder_IsNull()
    {
        var reader = new SysctlReader(_root);

        Assert.Null(reader.Read("net.ipv4.tcp_fin_timeout"));
        Assert.Null(reader.Read("fs.file-max"));
        Assert.Null(reader.Read("net.ipv4"));
        Assert.Null(new SysctlReader(Path.Combine(_root, "gone")).Read("net.ipv4.tcp_tw_reuse"));
    }

    [Fact]
    public void TheDefaultRoot_IsThisNamespacesProcSys()
    {
        var reader = new SysctlReader();

        Assert.Equal("/proc/sys", reader.Root);
        Assert.Equal("Linux", reader.Read("kernel.ostype"));
    }

    [Theory]
    [InlineData("60\n", "60")]
    [InlineData("32768\t60999\n", "32768 60999")]
    [InlineData("  4096 \t 131072\t6291456 \n", "4096 131072 6291456")]
    [InlineData("\n", "")]
    public void Normalize_LeavesOneSpaceBetweenFields(string text, string expected) =>
        Assert.Equal(expected, SysctlReader.Normalize(text));
}
