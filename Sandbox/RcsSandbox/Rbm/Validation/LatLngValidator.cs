using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Rbm.Validation;

/// <summary>google.type.LatLng: latitude in [-90, 90], longitude in [-180, 180].</summary>
public static class LatLngValidator
{
    public static void Validate(ProtoReader latLng)
    {
        latLng.OnlyKnown("latitude", "longitude");
        var latitude = latLng.Number("latitude");
        var longitude = latLng.Number("longitude");
        if (latLng.Failed)
        {
            return;
        }
        if (latitude is < -90 or > 90)
        {
            latLng.Fail(GoogleError.InvalidArgument($"'{latLng.Field("latitude")}' must be in the range [-90, 90].", latLng.Field("latitude")));
        }
        if (longitude is < -180 or > 180)
        {
            latLng.Fail(GoogleError.InvalidArgument($"'{latLng.Field("longitude")}' must be in the range [-180, 180].", latLng.Field("longitude")));
        }
    }
}
