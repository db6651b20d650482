namespace WhatsAppGenesys.MetaSandbox.Model;

// A business → customer message we accepted, with the raw request body and the statuses the phone reported.
public sealed class OutboundMessage(
    string wamid, string phoneNumberId, Customer customer, string input, bool sentToBsuid, string type,
    string requestBody, DateTimeOffset acceptedAt)
{
    private readonly List<StatusChange> _history = [];

    public string Wamid { get; } = wamid;
    public string PhoneNumberId { get; } = phoneNumberId;
    public Customer Customer { get; } = customer;
    public string Input { get; } = input;
    public bool SentToBsuid { get; } = sentToBsuid;
    public string Type { get; } = type;
    public string RequestBody { get; } = requestBody;
    public DateTimeOffset AcceptedAt { get; } = acceptedAt;

    // Template messages open a business-initiated conversation; everything else is a service message.
    public string PricingCategory => Type == "template" ? "utility" : "service";

    public string Status
    {
        get { lock (_history) { return _history.Count == 0 ? "accepted" : _history[^1].Status; } }
    }

    public int? ErrorCode { get; private set; }

    public void RecordStatus(string status, long timestamp, int? errorCode = null)
    {
        lock (_history)
        {
            _history.Add(new StatusChange(status, timestamp));
            ErrorCode ??= errorCode;
        }
    }

    public StatusChange[] History()
    {
        lock (_history) { return [.. _history]; }
    }
}

public sealed record StatusChange(string Status, long Timestamp);
