namespace Platform.Entities.Recognition;

/// <summary>The entity types the recogniser assigns (OntoNotes names).</summary>
public enum EntityKind
{
    Person,
    Org,
    Gpe,
    Loc,
    Norp,
    Event,
}
