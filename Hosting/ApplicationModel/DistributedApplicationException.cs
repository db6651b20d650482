namespace WhatsAppGenesys.Hosting;

/// <summary>A resource could not be started, became unhealthy or is misconfigured; the message names it.</summary>
public sealed class DistributedApplicationException : Exception
{
    public DistributedApplicationException(string message) : base(message) { }

    public DistributedApplicationException(string message, Exception innerException) : base(message, innerException) { }
}
