using System.Globalization;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.MetaSandbox.Templates;

// A template the sandbox holds for one WhatsApp Business Account: its definition as created, and the status review
// or the control API gave it.
public sealed class StoredTemplate(long id, string wabaId, MetaCreateTemplateRequest definition)
{
    private readonly Lock _gate = new();
    private string _status = MetaTemplateStatus.Pending;
    private string? _reason;

    public long Id { get; } = id;
    public string IdText { get; } = id.ToString(CultureInfo.InvariantCulture);
    public string WabaId { get; } = wabaId;
    public MetaCreateTemplateRequest Definition { get; } = definition;
    public string Name => Definition.Name;
    public string Language => Definition.Language;

    public string Status
    {
        get { lock (_gate) { return _status; } }
    }

    // Sets the status unless the template is no longer in the expected one; false when nothing changed.
    public bool TryChangeStatus(string status, string? reason, string? expected = null)
    {
        lock (_gate)
        {
            if ((expected is not null && _status != expected) || (_status == status && _reason == reason))
            {
                return false;
            }
            _status = status;
            _reason = reason;
            return true;
        }
    }

    public MetaMessageTemplate ToContract()
    {
        lock (_gate)
        {
            return new MetaMessageTemplate
            {
                Id = IdText,
                Name = Definition.Name,
                Language = Definition.Language,
                Status = _status,
                Category = Definition.Category,
                ParameterFormat = Definition.ParameterFormat,
                Components = Definition.Components,
                RejectedReason = _status == MetaTemplateStatus.Rejected ? _reason ?? "NONE" : null,
            };
        }
    }
}
