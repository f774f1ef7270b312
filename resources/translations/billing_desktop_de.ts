<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Connect</translation>
    </message>
    <message>
        <source>&amp;Needs attention</source>
        <translation>&amp;Handlungsbedarf</translation>
    </message>
    <message>
        <source>&amp;Refresh all Stripe accounts…</source>
        <translation>Alle Stripe-Konten a&amp;ktualisieren…</translation>
    </message>
    <message>
        <source>Platform &amp;fees…</source>
        <translation>Plattform&amp;gebühren…</translation>
    </message>
    <message>
        <source>Open &amp;disputes…</source>
        <translation>Offene &amp;Rückbuchungen…</translation>
    </message>
    <message>
        <source>Apply a signed Stripe e&amp;vent…</source>
        <translation>Signiertes Stripe-&amp;Ereignis übernehmen…</translation>
    </message>
    <message>
        <source>Automatic refresh: </source>
        <translation>Automatische Aktualisierung: </translation>
    </message>
    <message>
        <source>Select the tenant the event belongs to first.</source>
        <translation>Wählen Sie zuerst den Mandanten aus, zu dem das Ereignis gehört.</translation>
    </message>
    <message>
        <source>Connect to &amp;team database…</source>
        <translation>Mit &amp;Team-Datenbank verbinden…</translation>
    </message>
    <message>
        <source>&amp;Operators and access to secrets…</source>
        <translation>&amp;Operatoren und Zugriff auf Geheimnisse…</translation>
    </message>
    <message>
        <source>the local database</source>
        <translation>die lokale Datenbank</translation>
    </message>
    <message>
        <source>Billing Desktop opens {0} from the next start.</source>
        <translation>Billing Desktop öffnet ab dem nächsten Start {0}.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>You have unsaved changes to {0}.</source>
        <translation>Sie haben ungespeicherte Änderungen an {0}.</translation>
    </message>
    <message>
        <source>Save them, discard them, or cancel and keep editing.</source>
        <translation>Speichern, verwerfen oder abbrechen und weiter bearbeiten.</translation>
    </message>
    <message>
        <source>The session is locked: unlock to save them, or discard them.</source>
        <translation>Die Sitzung ist gesperrt: Entsperren Sie, um sie zu speichern, oder verwerfen Sie sie.</translation>
    </message>
    <message>
        <source>&amp;Register tenant…</source>
        <translation>Mandanten &amp;registrieren…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Find tenant</source>
        <translation>Mandanten &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>Lock the session now</source>
        <translation>Sitzung jetzt sperren</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>My &amp;profile…</source>
        <translation>Mein &amp;Profil…</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>&amp;Passwort ändern…</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
    <message>
        <source>&amp;Inspect key…</source>
        <translation>Schlüssel &amp;prüfen…</translation>
    </message>
    <message>
        <source>Tell offline what a key is</source>
        <translation>Offline erkennen, was ein Schlüssel ist</translation>
    </message>
    <message>
        <source>&amp;Scan folder for keys…</source>
        <translation>Ordner nach Schlüsseln &amp;durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Verify webhook signature…</source>
        <translation>Webhook-Signatur &amp;verifizieren…</translation>
    </message>
    <message>
        <source>Platform &amp;Stripe settings…</source>
        <translation>&amp;Stripe-Einstellungen der Plattform…</translation>
    </message>
    <message>
        <source>Pr&amp;eferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Colour scheme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;Follow the system</source>
        <translation>Wie das &amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>verbinde…</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>getrennt</translation>
    </message>
    <message>
        <source>Database: {0} · {1}</source>
        <translation>Datenbank: {0} · {1}</translation>
    </message>
    <message>
        <source>This window works on {0}; the connection is {1}.</source>
        <translation>Dieses Fenster arbeitet mit {0}; die Verbindung ist {1}.</translation>
    </message>
    <message>
        <source>Any mode</source>
        <translation>Jeder Modus</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Any tier</source>
        <translation>Jeder Tarif</translation>
    </message>
    <message>
        <source>Any Stripe state</source>
        <translation>Jeder Stripe-Zustand</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Restricted</source>
        <translation>Eingeschränkt</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <source>No account</source>
        <translation>Kein Konto</translation>
    </message>
    <message>
        <source>Attention: all</source>
        <translation>Handlungsbedarf: alle</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Handlungsbedarf</translation>
    </message>
    <message>
        <source>Filter by {0}</source>
        <translation>Filtern nach {0}</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Business name</source>
        <translation>Firmenname</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingerabdruck</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Zugriff</translation>
    </message>
    <message>
        <source>Granted by</source>
        <translation>Gewährt von</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Letzte Anmeldung</translation>
    </message>
    <message>
        <source>Key joined</source>
        <translation>Schlüssel seit</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>Gewährt</translation>
    </message>
    <message>
        <source>Waiting for a grant</source>
        <translation>Wartet auf Freigabe</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Entzogen</translation>
    </message>
    <message>
        <source>Not joined</source>
        <translation>Nicht beigetreten</translation>
    </message>
    <message>
        <source>&amp;Add operator</source>
        <translation>Operator &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Add operator</source>
        <translation>Operator hinzufügen</translation>
    </message>
    <message>
        <source>A new operator signs in with this email and password. To open the team&apos;s secrets they then run `billing-desktop team join` on their own OS account and read you their key&apos;s fingerprint.</source>
        <translation>Ein neuer Operator meldet sich mit dieser E-Mail-Adresse und diesem Passwort an. Um die Geheimnisse des Teams zu öffnen, führt er danach unter seinem eigenen Betriebssystemkonto `billing-desktop team join` aus und liest Ihnen den Fingerabdruck seines Schlüssels vor.</translation>
    </message>
    <message>
        <source>&amp;Grant access</source>
        <translation>Zugriff &amp;gewähren</translation>
    </message>
    <message>
        <source>Grant access to {0}</source>
        <translation>Zugriff für {0} gewähren</translation>
    </message>
    <message>
        <source>Ask {0} to read you the fingerprint that `team join` printed on their machine, over a channel you trust (in person, by phone), and type it here. A key whose fingerprint differs is refused: it may have been put in the database by someone else.</source>
        <translation>Bitten Sie {0}, Ihnen den Fingerabdruck, den `team join` auf dem eigenen Rechner ausgegeben hat, über einen vertrauenswürdigen Kanal (persönlich, telefonisch) vorzulesen, und geben Sie ihn hier ein. Ein Schlüssel mit abweichendem Fingerabdruck wird abgelehnt: Jemand anderes könnte ihn in die Datenbank gelegt haben.</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Default currency</source>
        <translation>Standardwährung</translation>
    </message>
    <message>
        <source>Charges enabled</source>
        <translation>Zahlungen aktiv</translation>
    </message>
    <message>
        <source>Payouts enabled</source>
        <translation>Auszahlungen aktiv</translation>
    </message>
    <message>
        <source>Details submitted</source>
        <translation>Angaben eingereicht</translation>
    </message>
    <message>
        <source>Currently due</source>
        <translation>Derzeit fällig</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Past due</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Disabled reason</source>
        <translation>Grund der Sperre</translation>
    </message>
    <message>
        <source>Live mode</source>
        <translation>Live-Modus</translation>
    </message>
    <message>
        <source>Connected at</source>
        <translation>Verbunden am</translation>
    </message>
    <message>
        <source>Fetched at</source>
        <translation>Abgerufen am</translation>
    </message>
    <message>
        <source>city of the address</source>
        <translation>Ort der Adresse</translation>
    </message>
    <message>
        <source>street address</source>
        <translation>Straße und Hausnummer</translation>
    </message>
    <message>
        <source>postal code</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <source>state or province</source>
        <translation>Bundesland oder Provinz</translation>
    </message>
    <message>
        <source>country of the address</source>
        <translation>Land der Adresse</translation>
    </message>
    <message>
        <source>date of birth (day)</source>
        <translation>Geburtsdatum (Tag)</translation>
    </message>
    <message>
        <source>date of birth (month)</source>
        <translation>Geburtsdatum (Monat)</translation>
    </message>
    <message>
        <source>date of birth (year)</source>
        <translation>Geburtsdatum (Jahr)</translation>
    </message>
    <message>
        <source>email address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>first name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <source>government ID number</source>
        <translation>Ausweisnummer</translation>
    </message>
    <message>
        <source>last 4 digits of the Social Security number</source>
        <translation>letzte 4 Ziffern der Sozialversicherungsnummer (SSN)</translation>
    </message>
    <message>
        <source>identity document (photo ID)</source>
        <translation>Ausweisdokument (Lichtbildausweis)</translation>
    </message>
    <message>
        <source>additional identity document (proof of address)</source>
        <translation>zusätzliches Ausweisdokument (Adressnachweis)</translation>
    </message>
    <message>
        <source>job title</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>whether they are an executive</source>
        <translation>ob die Person zur Geschäftsleitung gehört</translation>
    </message>
    <message>
        <source>whether they are an owner</source>
        <translation>ob die Person Eigentümer ist</translation>
    </message>
    <message>
        <source>percentage owned</source>
        <translation>Beteiligung in Prozent</translation>
    </message>
    <message>
        <source>whether they are a director</source>
        <translation>ob die Person Direktor ist</translation>
    </message>
    <message>
        <source>legal name</source>
        <translation>rechtlicher Name</translation>
    </message>
    <message>
        <source>tax ID (EIN or equivalent)</source>
        <translation>Steuernummer (EIN o. Ä.)</translation>
    </message>
    <message>
        <source>confirmation that all owners are listed</source>
        <translation>Bestätigung, dass alle Eigentümer angegeben sind</translation>
    </message>
    <message>
        <source>confirmation that all directors are listed</source>
        <translation>Bestätigung, dass alle Direktoren angegeben sind</translation>
    </message>
    <message>
        <source>confirmation that all executives are listed</source>
        <translation>Bestätigung, dass die gesamte Geschäftsleitung angegeben ist</translation>
    </message>
    <message>
        <source>ownership declaration (date)</source>
        <translation>Eigentümererklärung (Datum)</translation>
    </message>
    <message>
        <source>ownership declaration (IP address)</source>
        <translation>Eigentümererklärung (IP-Adresse)</translation>
    </message>
    <message>
        <source>company verification document</source>
        <translation>Nachweisdokument des Unternehmens</translation>
    </message>
    <message>
        <source>company structure</source>
        <translation>Unternehmensform</translation>
    </message>
    <message>
        <source>company registration number</source>
        <translation>Handelsregisternummer</translation>
    </message>
    <message>
        <source>Business type (individual, company, non-profit…)</source>
        <translation>Art des Unternehmens (Einzelperson, Unternehmen, gemeinnützig…)</translation>
    </message>
    <message>
        <source>Merchant category (what the business sells)</source>
        <translation>Händlerkategorie (was das Unternehmen verkauft)</translation>
    </message>
    <message>
        <source>Business website</source>
        <translation>Website des Unternehmens</translation>
    </message>
    <message>
        <source>Description of the products or services</source>
        <translation>Beschreibung der Produkte oder Dienstleistungen</translation>
    </message>
    <message>
        <source>Customer support phone number</source>
        <translation>Telefonnummer des Kundensupports</translation>
    </message>
    <message>
        <source>Customer support email</source>
        <translation>E-Mail-Adresse des Kundensupports</translation>
    </message>
    <message>
        <source>Public business name</source>
        <translation>Öffentlicher Unternehmensname</translation>
    </message>
    <message>
        <source>Bank account or debit card for payouts</source>
        <translation>Bankkonto oder Debitkarte für Auszahlungen</translation>
    </message>
    <message>
        <source>Acceptance of Stripe&apos;s terms of service (date)</source>
        <translation>Zustimmung zu den Nutzungsbedingungen von Stripe (Datum)</translation>
    </message>
    <message>
        <source>Acceptance of Stripe&apos;s terms of service (IP address)</source>
        <translation>Zustimmung zu den Nutzungsbedingungen von Stripe (IP-Adresse)</translation>
    </message>
    <message>
        <source>Statement descriptor (what customers see on card statements)</source>
        <translation>Abrechnungstext (was Kunden auf der Kartenabrechnung sehen)</translation>
    </message>
    <message>
        <source>Statement descriptor prefix</source>
        <translation>Präfix des Abrechnungstexts</translation>
    </message>
    <message>
        <source>An account representative (a person who can act for the business)</source>
        <translation>Ein Vertreter des Kontos (eine Person, die für das Unternehmen handeln darf)</translation>
    </message>
    <message>
        <source>The business owners</source>
        <translation>Die Eigentümer des Unternehmens</translation>
    </message>
    <message>
        <source>The company directors</source>
        <translation>Die Direktoren des Unternehmens</translation>
    </message>
    <message>
        <source>The company executives</source>
        <translation>Die Geschäftsleitung des Unternehmens</translation>
    </message>
    <message>
        <source>Details of the account representative</source>
        <translation>Angaben zum Vertreter des Kontos</translation>
    </message>
    <message>
        <source>Account holder</source>
        <translation>Kontoinhaber</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Representative</source>
        <translation>Vertreter</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>Eigentümer</translation>
    </message>
    <message>
        <source>Directors</source>
        <translation>Direktoren</translation>
    </message>
    <message>
        <source>Executives</source>
        <translation>Geschäftsleitung</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Required information was not provided by the deadline</source>
        <translation>Erforderliche Angaben wurden nicht fristgerecht gemacht</translation>
    </message>
    <message>
        <source>Stripe is verifying the information provided</source>
        <translation>Stripe prüft die gemachten Angaben</translation>
    </message>
    <message>
        <source>Requested capabilities need more information</source>
        <translation>Die beantragten Funktionen erfordern weitere Angaben</translation>
    </message>
    <message>
        <source>The account is on a prohibited persons or companies list (under review)</source>
        <translation>Das Konto steht auf einer Liste verbotener Personen oder Unternehmen (in Prüfung)</translation>
    </message>
    <message>
        <source>Paused by the platform</source>
        <translation>Von der Plattform pausiert</translation>
    </message>
    <message>
        <source>Rejected by Stripe: suspected fraud</source>
        <translation>Von Stripe abgelehnt: Betrugsverdacht</translation>
    </message>
    <message>
        <source>Rejected by Stripe: verification was not completed</source>
        <translation>Von Stripe abgelehnt: Verifizierung nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Rejected by Stripe: on a prohibited persons or companies list</source>
        <translation>Von Stripe abgelehnt: auf einer Liste verbotener Personen oder Unternehmen</translation>
    </message>
    <message>
        <source>Rejected by Stripe</source>
        <translation>Von Stripe abgelehnt</translation>
    </message>
    <message>
        <source>Rejected by Stripe: terms of service violation</source>
        <translation>Von Stripe abgelehnt: Verstoß gegen die Nutzungsbedingungen</translation>
    </message>
    <message>
        <source>Rejected by the platform: suspected fraud</source>
        <translation>Von der Plattform abgelehnt: Betrugsverdacht</translation>
    </message>
    <message>
        <source>Rejected by the platform</source>
        <translation>Von der Plattform abgelehnt</translation>
    </message>
    <message>
        <source>Rejected by the platform: terms of service violation</source>
        <translation>Von der Plattform abgelehnt: Verstoß gegen die Nutzungsbedingungen</translation>
    </message>
    <message>
        <source>Under review by Stripe</source>
        <translation>Wird von Stripe geprüft</translation>
    </message>
    <message>
        <source>Disabled for another reason (see the Stripe dashboard)</source>
        <translation>Aus einem anderen Grund deaktiviert (siehe Stripe-Dashboard)</translation>
    </message>
    <message>
        <source>Paused for inactivity</source>
        <translation>Wegen Inaktivität pausiert</translation>
    </message>
    <message>
        <source>Onboarding not finished</source>
        <translation>Onboarding nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Disabled by the platform</source>
        <translation>Von der Plattform deaktiviert</translation>
    </message>
    <message>
        <source>Rejected for inactivity</source>
        <translation>Wegen Inaktivität abgelehnt</translation>
    </message>
    <message>
        <source>Rejected: the business is not supported</source>
        <translation>Abgelehnt: Das Unternehmen wird nicht unterstützt</translation>
    </message>
    <message>
        <source>More information is needed</source>
        <translation>Weitere Angaben sind erforderlich</translation>
    </message>
    <message>
        <source>The city, state and postal code do not match</source>
        <translation>Ort, Bundesland und Postleitzahl passen nicht zusammen</translation>
    </message>
    <message>
        <source>The person must be at least 18</source>
        <translation>Die Person muss mindestens 18 Jahre alt sein</translation>
    </message>
    <message>
        <source>The representative&apos;s country is not supported</source>
        <translation>Das Land des Vertreters wird nicht unterstützt</translation>
    </message>
    <message>
        <source>The street address is not valid</source>
        <translation>Die Straßenadresse ist ungültig</translation>
    </message>
    <message>
        <source>The terms of service acceptance is not valid</source>
        <translation>Die Zustimmung zu den Nutzungsbedingungen ist ungültig</translation>
    </message>
    <message>
        <source>The value is not valid</source>
        <translation>Der Wert ist ungültig</translation>
    </message>
    <message>
        <source>The document has expired</source>
        <translation>Das Dokument ist abgelaufen</translation>
    </message>
    <message>
        <source>The document is a copy, not the original</source>
        <translation>Das Dokument ist eine Kopie, nicht das Original</translation>
    </message>
    <message>
        <source>The document is in greyscale</source>
        <translation>Das Dokument ist in Graustufen</translation>
    </message>
    <message>
        <source>The document could not be verified</source>
        <translation>Das Dokument konnte nicht verifiziert werden</translation>
    </message>
    <message>
        <source>Test-mode document was rejected</source>
        <translation>Das Testmodus-Dokument wurde abgelehnt</translation>
    </message>
    <message>
        <source>The document looks fraudulent</source>
        <translation>Das Dokument wirkt gefälscht</translation>
    </message>
    <message>
        <source>The ID number does not match the document</source>
        <translation>Die Ausweisnummer passt nicht zum Dokument</translation>
    </message>
    <message>
        <source>The name does not match the document</source>
        <translation>Der Name passt nicht zum Dokument</translation>
    </message>
    <message>
        <source>The document file is too large</source>
        <translation>Die Dokumentdatei ist zu groß</translation>
    </message>
    <message>
        <source>This type of document is not accepted</source>
        <translation>Diese Art von Dokument wird nicht akzeptiert</translation>
    </message>
    <message>
        <source>The address could not be matched</source>
        <translation>Die Adresse konnte nicht zugeordnet werden</translation>
    </message>
    <message>
        <source>The business IEC number could not be verified</source>
        <translation>Die IEC-Nummer des Unternehmens konnte nicht verifiziert werden</translation>
    </message>
    <message>
        <source>The ID number could not be matched</source>
        <translation>Die Ausweisnummer konnte nicht zugeordnet werden</translation>
    </message>
    <message>
        <source>The identity could not be verified</source>
        <translation>Die Identität konnte nicht verifiziert werden</translation>
    </message>
    <message>
        <source>The details could not be matched</source>
        <translation>Die Angaben konnten nicht zugeordnet werden</translation>
    </message>
    <message>
        <source>The name could not be matched</source>
        <translation>Der Name konnte nicht zugeordnet werden</translation>
    </message>
    <message>
        <source>The tax ID does not match the business name</source>
        <translation>Die Steuernummer passt nicht zum Unternehmensnamen</translation>
    </message>
    <message>
        <source>The tax ID was not issued</source>
        <translation>Die Steuernummer wurde nicht vergeben</translation>
    </message>
    <message>
        <source>Verification failed</source>
        <translation>Verifizierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>The bank account has been closed</source>
        <translation>Das Bankkonto wurde aufgelöst</translation>
    </message>
    <message>
        <source>The bank account has been frozen</source>
        <translation>Das Bankkonto wurde eingefroren</translation>
    </message>
    <message>
        <source>The bank account has restrictions on this kind of payout</source>
        <translation>Das Bankkonto ist für diese Art von Auszahlung eingeschränkt</translation>
    </message>
    <message>
        <source>The bank account changed owner</source>
        <translation>Das Bankkonto hat den Inhaber gewechselt</translation>
    </message>
    <message>
        <source>The bank could not process this payout</source>
        <translation>Die Bank konnte diese Auszahlung nicht verarbeiten</translation>
    </message>
    <message>
        <source>Debit transactions are not approved on the bank account</source>
        <translation>Lastschriften sind für das Bankkonto nicht freigegeben</translation>
    </message>
    <message>
        <source>The bank declined this transfer</source>
        <translation>Die Bank hat diese Überweisung abgelehnt</translation>
    </message>
    <message>
        <source>The account holder&apos;s address is wrong</source>
        <translation>Die Adresse des Kontoinhabers ist falsch</translation>
    </message>
    <message>
        <source>The account holder&apos;s name is wrong</source>
        <translation>Der Name des Kontoinhabers ist falsch</translation>
    </message>
    <message>
        <source>The account holder&apos;s tax ID is wrong</source>
        <translation>Die Steuernummer des Kontoinhabers ist falsch</translation>
    </message>
    <message>
        <source>Not enough funds in the Stripe balance</source>
        <translation>Nicht genug Guthaben auf dem Stripe-Saldo</translation>
    </message>
    <message>
        <source>The bank account number is not valid</source>
        <translation>Die Kontonummer ist ungültig</translation>
    </message>
    <message>
        <source>The bank account cannot accept this currency</source>
        <translation>Das Bankkonto kann diese Währung nicht annehmen</translation>
    </message>
    <message>
        <source>The bank account does not exist</source>
        <translation>Das Bankkonto existiert nicht</translation>
    </message>
    <message>
        <source>The bank no longer supports payouts to this card</source>
        <translation>Die Bank unterstützt keine Auszahlungen mehr auf diese Karte</translation>
    </message>
    <message>
        <source>The customer&apos;s bank cannot process the charge</source>
        <translation>Die Bank des Kunden kann die Zahlung nicht verarbeiten</translation>
    </message>
    <message>
        <source>The cheque was returned</source>
        <translation>Der Scheck wurde zurückgegeben</translation>
    </message>
    <message>
        <source>The customer says a promised refund was not made</source>
        <translation>Der Kunde gibt an, dass eine zugesagte Erstattung nicht erfolgt ist</translation>
    </message>
    <message>
        <source>The customer started the dispute</source>
        <translation>Der Kunde hat die Rückbuchung eingeleitet</translation>
    </message>
    <message>
        <source>The customer says they did not authorise the debit</source>
        <translation>Der Kunde gibt an, die Lastschrift nicht genehmigt zu haben</translation>
    </message>
    <message>
        <source>The customer says they were charged twice</source>
        <translation>Der Kunde gibt an, doppelt belastet worden zu sein</translation>
    </message>
    <message>
        <source>The cardholder says they did not make the payment</source>
        <translation>Der Karteninhaber gibt an, die Zahlung nicht getätigt zu haben</translation>
    </message>
    <message>
        <source>Uncategorised dispute</source>
        <translation>Rückbuchung ohne Kategorie</translation>
    </message>
    <message>
        <source>The account details were wrong</source>
        <translation>Die Kontodaten waren falsch</translation>
    </message>
    <message>
        <source>The customer&apos;s account did not have the funds</source>
        <translation>Das Konto des Kunden war nicht gedeckt</translation>
    </message>
    <message>
        <source>The payment broke the card network&apos;s rules</source>
        <translation>Die Zahlung verstieß gegen die Regeln des Kartennetzwerks</translation>
    </message>
    <message>
        <source>The customer says the product never arrived</source>
        <translation>Der Kunde gibt an, dass das Produkt nie angekommen ist</translation>
    </message>
    <message>
        <source>The customer says the product was defective or not as described</source>
        <translation>Der Kunde gibt an, dass das Produkt mangelhaft war oder nicht der Beschreibung entsprach</translation>
    </message>
    <message>
        <source>The customer says they cancelled the subscription</source>
        <translation>Der Kunde gibt an, das Abonnement gekündigt zu haben</translation>
    </message>
    <message>
        <source>The customer does not recognise the payment</source>
        <translation>Der Kunde erkennt die Zahlung nicht wieder</translation>
    </message>
    <message>
        <source>Stripe asks for an action (intervention): see the Stripe dashboard</source>
        <translation>Stripe verlangt eine Handlung (Intervention): siehe Stripe-Dashboard</translation>
    </message>
    <message>
        <source>Person {id}</source>
        <translation>Person {id}</translation>
    </message>
    <message>
        <source>{owner}: {field}</source>
        <translation>{owner}: {field}</translation>
    </message>
    <message>
        <source>Business profile: {field}</source>
        <translation>Unternehmensprofil: {field}</translation>
    </message>
    <message>
        <source>{error} — {reason}</source>
        <translation>{error} — {reason}</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation>Angelegt (UTC)</translation>
    </message>
    <message>
        <source>Expires / revoked</source>
        <translation>Läuft ab / widerrufen</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>Kürzel</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>restricted</source>
        <translation>eingeschränkt</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>getrennt</translation>
    </message>
    <message>
        <source>Nothing needs attention</source>
        <translation>Kein Handlungsbedarf</translation>
    </message>
    <message>
        <source>1 item on the Needs attention board</source>
        <translation>1 Eintrag unter Handlungsbedarf</translation>
    </message>
    <message>
        <source>{0} items on the Needs attention board</source>
        <translation>{0} Einträge unter Handlungsbedarf</translation>
    </message>
    <message>
        <source>Cancelling… (what was fetched is kept)</source>
        <translation>Wird abgebrochen… (bereits Geholtes bleibt erhalten)</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Handelnder</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Test keys</source>
        <translation>Testschlüssel</translation>
    </message>
    <message>
        <source>Live keys</source>
        <translation>Live-Schlüssel</translation>
    </message>
    <message>
        <source>All keys (test and live)</source>
        <translation>Alle Schlüssel (Test und Live)</translation>
    </message>
    <message>
        <source>None — the old keys stop working at once</source>
        <translation>Keine — die alten Schlüssel gelten sofort nicht mehr</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 Stunden</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>&amp;Back up…</source>
        <translation>&amp;Sichern…</translation>
    </message>
    <message>
        <source>Write an encrypted backup now</source>
        <translation>Jetzt eine verschlüsselte Sicherung schreiben</translation>
    </message>
    <message>
        <source>&amp;Verify a backup…</source>
        <translation>Sicherung &amp;prüfen…</translation>
    </message>
    <message>
        <source>Check a backup file without restoring it</source>
        <translation>Eine Sicherungsdatei prüfen, ohne sie wiederherzustellen</translation>
    </message>
    <message>
        <source>&amp;Recovery key…</source>
        <translation>&amp;Wiederherstellungsschlüssel…</translation>
    </message>
    <message>
        <source>Create or rotate it</source>
        <translation>Erstellen oder erneuern</translation>
    </message>
    <message>
        <source>Restore from a bac&amp;kup…</source>
        <translation>Aus einer Sicherung &amp;wiederherstellen…</translation>
    </message>
    <message>
        <source>Replace this computer&apos;s data with a backup</source>
        <translation>Die Daten dieses Computers durch eine Sicherung ersetzen</translation>
    </message>
    <message>
        <source>No recovery key: create one…</source>
        <translation>Kein Wiederherstellungsschlüssel: jetzt erstellen…</translation>
    </message>
    <message>
        <source>Recovery key not confirmed stored…</source>
        <translation>Aufbewahrung des Wiederherstellungsschlüssels nicht bestätigt…</translation>
    </message>
    <message>
        <source>Recovery key not confirmed stored by {0}</source>
        <translation>Aufbewahrung des Wiederherstellungsschlüssels von {0} nicht bestätigt</translation>
    </message>
    <message>
        <source>{0} made the recovery key and was shown it once: only they can say it is stored. Tools → Recovery key… shows it; rotating it there replaces the key they may have kept.</source>
        <translation>{0} hat den Wiederherstellungsschlüssel erstellt und ihn einmal angezeigt bekommen: nur diese Person kann bestätigen, dass er aufbewahrt ist. Werkzeuge → Wiederherstellungsschlüssel… zeigt seinen Stand; ihn dort auszutauschen ersetzt den Schlüssel, der vielleicht schon aufbewahrt wird.</translation>
    </message>
    <message>
        <source>Replace ALL data on this computer with a backup?

Every tenant, user, audit entry and secret is replaced by what the backup holds: changes made since it was written are no longer in the working database. The current database is kept in the backups folder first ({0}).

You are signed out now; after restoring, sign in again.</source>
        <translation>ALLE Daten auf diesem Computer durch eine Sicherung ersetzen?

Jeder Mandant, Benutzer, Prüfprotokolleintrag und jedes Geheimnis wird durch den Inhalt der Sicherung ersetzt: Änderungen seit ihrer Erstellung sind danach nicht mehr in der Arbeitsdatenbank. Die aktuelle Datenbank wird zuvor im Sicherungsordner abgelegt ({0}).

Sie werden jetzt abgemeldet; melden Sie sich nach der Wiederherstellung erneut an.</translation>
    </message>
    <message>
        <source>Sign out and restore…</source>
        <translation>Abmelden und wiederherstellen…</translation>
    </message>
    <message>
        <source>Scheduled backup written: {0}</source>
        <translation>Geplante Sicherung geschrieben: {0}</translation>
    </message>
    <message>
        <source>Scheduled backup failed: {0}</source>
        <translation>Geplante Sicherung fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>Sichern</translation>
    </message>
    <message>
        <source>One encrypted file with every tenant, user, audit entry and secret. It opens with your recovery key (or an operator&apos;s key), so it may go to a synced folder or a USB stick.</source>
        <translation>Eine verschlüsselte Datei mit allen Mandanten, Benutzern, Prüfprotokolleinträgen und Geheimnissen. Sie lässt sich nur mit Ihrem Wiederherstellungsschlüssel (oder dem Schlüssel eines Operators) öffnen und darf daher in einen synchronisierten Ordner oder auf einen USB-Stick.</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Aus einer Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>&amp;Back up</source>
        <translation>&amp;Sichern</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Verify a backup</source>
        <translation>Sicherung prüfen</translation>
    </message>
    <message>
        <source>Choose a backup and type its recovery key. Everything in it comes back on this computer; you then sign in with your usual password.</source>
        <translation>Wählen Sie eine Sicherung und geben Sie ihren Wiederherstellungsschlüssel ein. Ihr gesamter Inhalt wird auf diesem Computer wiederhergestellt; danach melden Sie sich mit Ihrem gewohnten Passwort an.</translation>
    </message>
    <message>
        <source>Open a backup and check every byte of it, without restoring anything. The recovery key is needed unless this account&apos;s operator key could open it when it was made.</source>
        <translation>Eine Sicherung öffnen und jedes Byte prüfen, ohne etwas wiederherzustellen. Der Wiederherstellungsschlüssel ist nötig, es sei denn, der Operator-Schlüssel dieses Kontos konnte sie bei ihrer Erstellung öffnen.</translation>
    </message>
    <message>
        <source>Due now</source>
        <translation>Jetzt fällig</translation>
    </message>
    <message>
        <source>Due later</source>
        <translation>Später fällig</translation>
    </message>
    <message>
        <source>Being verified</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>not requested</source>
        <translation>nicht beantragt</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>ausgezahlt</translation>
    </message>
    <message>
        <source>in transit</source>
        <translation>unterwegs</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>storniert</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Not fetched from Stripe yet.</source>
        <translation>Noch nicht von Stripe abgerufen.</translation>
    </message>
    <message>
        <source>Saved {0} · stale</source>
        <translation>Gespeichert {0} · veraltet</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>Gespeichert {0}</translation>
    </message>
    <message>
        <source>no TLS (only on a trusted network or loopback)</source>
        <translation>kein TLS (nur in einem vertrauenswürdigen Netz oder über Loopback)</translation>
    </message>
    <message>
        <source>TLS when the server offers it (the default)</source>
        <translation>TLS, wenn der Server es anbietet (Standard)</translation>
    </message>
    <message>
        <source>always TLS, certificate not checked</source>
        <translation>immer TLS, Zertifikat wird nicht geprüft</translation>
    </message>
    <message>
        <source>TLS, certificate signed by a trusted CA</source>
        <translation>TLS, Zertifikat von einer vertrauenswürdigen CA signiert</translation>
    </message>
    <message>
        <source>TLS, certificate and host name checked (recommended)</source>
        <translation>TLS, Zertifikat und Hostname werden geprüft (empfohlen)</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Connect to team database</source>
        <translation>Mit Team-Datenbank verbinden</translation>
    </message>
    <message>
        <source>Work on one PostgreSQL database with the rest of your team (docs/TEAM.md). The password goes to the OS keyring, never to a file.</source>
        <translation>Arbeiten Sie mit dem übrigen Team auf einer gemeinsamen PostgreSQL-Datenbank (docs/TEAM.md). Das Passwort kommt in den Schlüsselbund des Betriebssystems, nie in eine Datei.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Passwort ändern</translation>
    </message>
    <message>
        <source>At least 12 characters, and not your email address.</source>
        <translation>Mindestens 12 Zeichen und nicht Ihre E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <source>Register tenant</source>
        <translation>Mandanten registrieren</translation>
    </message>
    <message>
        <source>Creates the tenant, its owner account and (in one transaction) everything it needs.</source>
        <translation>Legt den Mandanten, sein Eigentümerkonto und (in einer Transaktion) alles an, was er braucht.</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Benutzer hinzufügen</translation>
    </message>
    <message>
        <source>Add user to {0}</source>
        <translation>Benutzer zu {0} hinzufügen</translation>
    </message>
    <message>
        <source>Owner: everything for the tenant. Admin: view keys, configure and test webhooks, view Stripe status. Developer: read-only.</source>
        <translation>Eigentümer: alles für den Mandanten. Admin: Schlüssel ansehen, Webhooks einrichten und testen, Stripe-Status ansehen. Entwickler: nur lesen.</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>HTTP error</source>
        <translation>HTTP-Fehler</translation>
    </message>
    <message>
        <source>Redirect (not followed)</source>
        <translation>Weiterleitung (nicht gefolgt)</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>Could not connect</source>
        <translation>Keine Verbindung möglich</translation>
    </message>
    <message>
        <source>Network error</source>
        <translation>Netzwerkfehler</translation>
    </message>
    <message>
        <source>Result: {0}  status {1}  latency {2} ms  attempt {3}</source>
        <translation>Ergebnis: {0}  Status {1}  Latenz {2} ms  Versuch {3}</translation>
    </message>
    <message>
        <source>Error: {0}</source>
        <translation>Fehler: {0}</translation>
    </message>
    <message>
        <source>Response headers:</source>
        <translation>Antwort-Header:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Response body (first 4 KB):</source>
        <translation>Antworttext (erste 4 KB):</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Request sent:</source>
        <translation>Gesendete Anfrage:</translation>
    </message>
    <message>
        <source>The database did not answer ({0}). Nothing was changed: try again when the status bar shows it connected.</source>
        <translation>Die Datenbank hat nicht geantwortet ({0}). Nichts wurde geändert: versuchen Sie es erneut, wenn die Statusleiste sie als verbunden zeigt.</translation>
    </message>
    <message>
        <source>Unexpected error ({0}). Details are in the log file.</source>
        <translation>Unerwarteter Fehler ({0}). Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
    <message>
        <source>{message} (Stripe request {request_id})</source>
        <translation>{message} (Stripe-Anfrage {request_id})</translation>
    </message>
    <message>
        <source>Stripe refused the authorization code (expired, or already used). Connect again.</source>
        <translation>Stripe hat den Autorisierungscode abgelehnt (abgelaufen oder schon benutzt). Verbinden Sie erneut.</translation>
    </message>
    <message>
        <source>Stripe does not know this Connect client or account.</source>
        <translation>Stripe kennt diesen Connect-Client oder dieses Konto nicht.</translation>
    </message>
    <message>
        <source>Stripe rejected the OAuth request.</source>
        <translation>Stripe hat die OAuth-Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>Stripe rejected the OAuth grant type.</source>
        <translation>Stripe hat den OAuth-Grant-Typ abgelehnt.</translation>
    </message>
    <message>
        <source>Stripe refused the OAuth request.</source>
        <translation>Stripe hat die OAuth-Anfrage verweigert.</translation>
    </message>
    <message>
        <source>{text} {detail}</source>
        <translation>{text} {detail}</translation>
    </message>
    <message>
        <source>Stripe rejected the platform secret key: check it in Platform settings. {detail}</source>
        <translation>Stripe hat den geheimen Schlüssel der Plattform abgelehnt: prüfen Sie ihn in den Plattform-Einstellungen. {detail}</translation>
    </message>
    <message>
        <source>Stripe says the platform no longer has access to this account. {detail}</source>
        <translation>Laut Stripe hat die Plattform keinen Zugriff mehr auf dieses Konto. {detail}</translation>
    </message>
    <message>
        <source>Stripe is rate-limiting requests: wait a minute and try again.</source>
        <translation>Stripe drosselt die Anfragen: warten Sie eine Minute und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Stripe did not answer in time (timeout). Check the network and try again.</source>
        <translation>Stripe hat nicht rechtzeitig geantwortet (Zeitüberschreitung). Prüfen Sie das Netzwerk und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Could not reach Stripe (connection failed). Check the network or the Stripe base URL settings and try again.</source>
        <translation>Stripe ist nicht erreichbar (Verbindung fehlgeschlagen). Prüfen Sie das Netzwerk oder die Einstellungen der Stripe-Basis-URL und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Stripe error: {value}</source>
        <translation>Stripe-Fehler: {value}</translation>
    </message>
    <message>
        <source>Unexpected error talking to Stripe ({name}).</source>
        <translation>Unerwarteter Fehler im Austausch mit Stripe ({name}).</translation>
    </message>
    <message>
        <source>Port {port} on 127.0.0.1 is already in use (or not allowed). Close the program using it, or change the {setting_name} in Platform settings.</source>
        <translation>Port {port} auf 127.0.0.1 ist schon belegt (oder nicht erlaubt). Beenden Sie das Programm, das ihn nutzt, oder ändern Sie {setting_name} in den Plattform-Einstellungen.</translation>
    </message>
    <message>
        <source>Could not listen on 127.0.0.1:{port}: {strerror}.</source>
        <translation>Auf 127.0.0.1:{port} kann nicht gelauscht werden: {strerror}.</translation>
    </message>
    <message>
        <source>Too long to be a key ({len_raw:,} characters).</source>
        <translation>Zu lang für einen Schlüssel ({len_raw:,} Zeichen).</translation>
    </message>
    <message>
        <source>Nothing to inspect: paste a key.</source>
        <translation>Nichts zu prüfen: fügen Sie einen Schlüssel ein.</translation>
    </message>
    <message>
        <source>Contains NUL bytes: not a key (was binary data pasted?).</source>
        <translation>Enthält NUL-Bytes: kein Schlüssel (wurden Binärdaten eingefügt?).</translation>
    </message>
    <message>
        <source>Not a key — it contains look-alike characters (for example Cyrillic or full-width letters). Copy the key again from its source.</source>
        <translation>Kein Schlüssel — er enthält ähnlich aussehende Zeichen (zum Beispiel kyrillische oder Vollbreiten-Buchstaben). Kopieren Sie den Schlüssel erneut aus seiner Quelle.</translation>
    </message>
    <message>
        <source>Not a key — it contains non-ASCII characters (look-alikes such as a Cyrillic a for the Latin one?). Copy the key again from its source.</source>
        <translation>Kein Schlüssel — er enthält Nicht-ASCII-Zeichen (ähnlich aussehende wie ein kyrillisches a statt des lateinischen?). Kopieren Sie den Schlüssel erneut aus seiner Quelle.</translation>
    </message>
    <message>
        <source>Contains spaces or line breaks inside: not a single key.</source>
        <translation>Enthält Leerzeichen oder Zeilenumbrüche: kein einzelner Schlüssel.</translation>
    </message>
    <message>
        <source>Checksum does not match: a typo, a changed character, or not one of our keys.</source>
        <translation>Die Prüfsumme stimmt nicht: ein Tippfehler, ein geändertes Zeichen oder keiner unserer Schlüssel.</translation>
    </message>
    <message>
        <source>Wrong length for a Billing Desktop key ({value} characters after the prefix, {body_len} expected): truncated or extended copy?</source>
        <translation>Falsche Länge für einen Billing-Desktop-Schlüssel ({value} Zeichen nach dem Präfix, erwartet {body_len}): abgeschnitten oder verlängert kopiert?</translation>
    </message>
    <message>
        <source>Not a Billing Desktop key: shaped like a {stripe}.</source>
        <translation>Kein Billing-Desktop-Schlüssel: sieht aus wie {stripe}.</translation>
    </message>
    <message>
        <source>Not a key: Billing Desktop keys start with pk_test_, sk_test_, pk_live_ or sk_live_.</source>
        <translation>Kein Schlüssel: Billing-Desktop-Schlüssel beginnen mit pk_test_, sk_test_, pk_live_ oder sk_live_.</translation>
    </message>
    <message>
        <source>{why} It is shaped like a {stripe}.</source>
        <translation>{why} Er hat die Form eines {stripe}.</translation>
    </message>
    <message>
        <source>Enter the recovery key (nine groups of four characters).</source>
        <translation>Geben Sie den Wiederherstellungsschlüssel ein (neun Gruppen zu vier Zeichen).</translation>
    </message>
    <message>
        <source>A recovery key has no {value}: check what you typed.</source>
        <translation>Ein Wiederherstellungsschlüssel enthält kein {value}: prüfen Sie Ihre Eingabe.</translation>
    </message>
    <message>
        <source>That is {len_clean} characters; a recovery key has {want} (nine groups of four).</source>
        <translation>Das sind {len_clean} Zeichen; ein Wiederherstellungsschlüssel hat {want} (neun Gruppen zu vier).</translation>
    </message>
    <message>
        <source>The recovery key does not add up: a character is mistyped. Compare each group with the page.</source>
        <translation>Der Wiederherstellungsschlüssel geht nicht auf: ein Zeichen ist vertippt. Vergleichen Sie jede Gruppe mit dem Ausdruck.</translation>
    </message>
    <message>
        <source>Remove the invisible control character U+{ord_ch:04X}.</source>
        <translation>Entfernen Sie das unsichtbare Steuerzeichen U+{ord_ch:04X}.</translation>
    </message>
    <message>
        <source>Use at most {max_length} characters.</source>
        <translation>Höchstens {max_length} Zeichen.</translation>
    </message>
    <message>
        <source>Enter an email address.</source>
        <translation>Geben Sie eine E-Mail-Adresse ein.</translation>
    </message>
    <message>
        <source>Enter a valid email address, like name@example.com.</source>
        <translation>Geben Sie eine gültige E-Mail-Adresse ein, etwa name@example.com.</translation>
    </message>
    <message>
        <source>Use at least {min_password_length} characters.</source>
        <translation>Mindestens {min_password_length} Zeichen.</translation>
    </message>
    <message>
        <source>Use at most {max_password_length} characters.</source>
        <translation>Höchstens {max_password_length} Zeichen.</translation>
    </message>
    <message>
        <source>Use at least {min_distinct} different characters (not one or two repeated).</source>
        <translation>Verwenden Sie mindestens {min_distinct} verschiedene Zeichen (nicht nur ein oder zwei wiederholte).</translation>
    </message>
    <message>
        <source>The password must not be your email address.</source>
        <translation>Das Passwort darf nicht Ihre E-Mail-Adresse sein.</translation>
    </message>
    <message>
        <source>Enter a domain name like example.com (no scheme, no path).</source>
        <translation>Geben Sie einen Domainnamen wie example.com ein (ohne Schema, ohne Pfad).</translation>
    </message>
    <message>
        <source>Enter a number between 0 and 100.</source>
        <translation>Geben Sie eine Zahl zwischen 0 und 100 ein.</translation>
    </message>
    <message>
        <source>Use at most two decimals.</source>
        <translation>Höchstens zwei Nachkommastellen.</translation>
    </message>
    <message>
        <source>Enter a slug.</source>
        <translation>Geben Sie einen Slug ein.</translation>
    </message>
    <message>
        <source>Use 1-50 lower-case letters, digits and hyphens, not starting or ending with a hyphen.</source>
        <translation>1–50 Kleinbuchstaben, Ziffern und Bindestriche, nicht mit einem Bindestrich am Anfang oder Ende.</translation>
    </message>
    <message>
        <source>Choose one of: {value} ({label}).</source>
        <translation>Wählen Sie eines von: {value} ({label}).</translation>
    </message>
    <message>
        <source>Enter the company name.</source>
        <translation>Geben Sie den Firmennamen ein.</translation>
    </message>
    <message>
        <source>Use at most 200 characters.</source>
        <translation>Höchstens 200 Zeichen.</translation>
    </message>
    <message>
        <source>Use at most 100 characters.</source>
        <translation>Höchstens 100 Zeichen.</translation>
    </message>
    <message>
        <source>Not valid JSON: {msg} (line {lineno}).</source>
        <translation>Kein gültiges JSON: {msg} (Zeile {lineno}).</translation>
    </message>
    <message>
        <source>Nested too deeply (at most {max_json_depth} levels).</source>
        <translation>Zu tief verschachtelt (höchstens {max_json_depth} Ebenen).</translation>
    </message>
    <message>
        <source>Enter a JSON object, like {&quot;color&quot;: &quot;#0a84ff&quot;}.</source>
        <translation>Geben Sie ein JSON-Objekt ein, etwa {&quot;color&quot;: &quot;#0a84ff&quot;}.</translation>
    </message>
    <message>
        <source>{v} is not a number JSON allows; use a finite number or a string.</source>
        <translation>{v} ist keine in JSON erlaubte Zahl; verwenden Sie eine endliche Zahl oder eine Zeichenkette.</translation>
    </message>
    <message>
        <source>{name} is not a number JSON allows; use a finite number or a string.</source>
        <translation>{name} ist keine in JSON erlaubte Zahl; verwenden Sie eine endliche Zahl oder eine Zeichenkette.</translation>
    </message>
    <message>
        <source>Enter the endpoint URL.</source>
        <translation>Geben Sie die URL des Endpunkts ein.</translation>
    </message>
    <message>
        <source>The URL is too long (2048 characters at most).</source>
        <translation>Die URL ist zu lang (höchstens 2048 Zeichen).</translation>
    </message>
    <message>
        <source>Remove the spaces and invisible control characters from the URL.</source>
        <translation>Entfernen Sie Leerzeichen und unsichtbare Steuerzeichen aus der URL.</translation>
    </message>
    <message>
        <source>This is not a valid URL.</source>
        <translation>Das ist keine gültige URL.</translation>
    </message>
    <message>
        <source>Use an https:// URL (http:// is allowed in test mode only).</source>
        <translation>Verwenden Sie eine https://-URL (http:// ist nur im Testmodus erlaubt).</translation>
    </message>
    <message>
        <source>Live mode needs an https:// URL.</source>
        <translation>Der Live-Modus braucht eine https://-URL.</translation>
    </message>
    <message>
        <source>Remove the user name and password from the URL.</source>
        <translation>Entfernen Sie Benutzername und Passwort aus der URL.</translation>
    </message>
    <message>
        <source>Remove the #fragment: it is never sent to the server.</source>
        <translation>Entfernen Sie das #Fragment: es wird nie an den Server gesendet.</translation>
    </message>
    <message>
        <source>The URL has no host name.</source>
        <translation>Die URL hat keinen Hostnamen.</translation>
    </message>
    <message>
        <source>The host name {host} is not a valid internationalized name.</source>
        <translation>Der Hostname {host} ist kein gültiger internationalisierter Name.</translation>
    </message>
    <message>
        <source>Private addresses are allowed in test mode only.</source>
        <translation>Private Adressen sind nur im Testmodus erlaubt.</translation>
    </message>
    <message>
        <source>The host name {host} could not be resolved.</source>
        <translation>Der Hostname {host} konnte nicht aufgelöst werden.</translation>
    </message>
    <message>
        <source> Tick &quot;allow private addresses&quot; (test mode only) to send there.</source>
        <translation> Kreuzen Sie „private Adressen erlauben“ an (nur Testmodus), um dorthin zu senden.</translation>
    </message>
    <message>
        <source>{host} resolves to {a}, a {why} address.{hint}</source>
        <translation>{host} wird zu {a} aufgelöst, einer Adresse der Art „{why}“.{hint}</translation>
    </message>
    <message>
        <source>cloud metadata</source>
        <translation>Cloud-Metadaten</translation>
    </message>
    <message>
        <source>unspecified</source>
        <translation>unbestimmt</translation>
    </message>
    <message>
        <source>multicast</source>
        <translation>Multicast</translation>
    </message>
    <message>
        <source>loopback</source>
        <translation>Loopback</translation>
    </message>
    <message>
        <source>IPv4-in-IPv6</source>
        <translation>IPv4-in-IPv6</translation>
    </message>
    <message>
        <source>link-local</source>
        <translation>link-lokal</translation>
    </message>
    <message>
        <source>reserved</source>
        <translation>reserviert</translation>
    </message>
    <message>
        <source>private</source>
        <translation>privat</translation>
    </message>
    <message>
        <source>Valid signature.</source>
        <translation>Gültige Signatur.</translation>
    </message>
    <message>
        <source>The timestamp is {value} s old: outside the {value2}-minute tolerance (a replay, or a slow retry signed long ago).</source>
        <translation>Der Zeitstempel ist {value} s alt: außerhalb der Toleranz von {value2} Minuten (eine Wiederholung oder ein vor langer Zeit signierter später Neuversuch).</translation>
    </message>
    <message>
        <source>The timestamp is {value} s in the future: outside the {value2}-minute tolerance (check the sender&apos;s clock).</source>
        <translation>Der Zeitstempel liegt {value} s in der Zukunft: außerhalb der Toleranz von {value2} Minuten (prüfen Sie die Uhr des Absenders).</translation>
    </message>
    <message>
        <source>No signature header: expected {stripe_header} or webhook-signature.</source>
        <translation>Kein Signatur-Header: erwartet wird {stripe_header} oder webhook-signature.</translation>
    </message>
    <message>
        <source>The header is not a list of key=value pairs (t=…,v1=…).</source>
        <translation>Der Header ist keine Liste von Schlüssel=Wert-Paaren (t=…,v1=…).</translation>
    </message>
    <message>
        <source>The header needs exactly one numeric t= timestamp.</source>
        <translation>Der Header braucht genau einen numerischen Zeitstempel t=.</translation>
    </message>
    <message>
        <source>The header has no v1= signature.</source>
        <translation>Der Header hat keine v1=-Signatur.</translation>
    </message>
    <message>
        <source>No signature matches: wrong secret, or the body was changed after signing.</source>
        <translation>Keine Signatur passt: falsches Geheimnis, oder der Inhalt wurde nach dem Signieren geändert.</translation>
    </message>
    <message>
        <source>webhook-id and a numeric webhook-timestamp are needed with webhook-signature.</source>
        <translation>Zu webhook-signature gehören webhook-id und ein numerischer webhook-timestamp.</translation>
    </message>
    <message>
        <source>webhook-signature has no v1,&lt;base64&gt; entry.</source>
        <translation>webhook-signature hat keinen Eintrag v1,&lt;base64&gt;.</translation>
    </message>
    <message>
        <source>The secret is not a whsec_ base64 secret.</source>
        <translation>Das Geheimnis ist kein whsec_-Base64-Geheimnis.</translation>
    </message>
    <message>
        <source>{what} was changed by {who} at {at} UTC after you opened it.</source>
        <translation>Nach dem Öffnen hat {who} um {at} UTC „{what}“ geändert.</translation>
    </message>
    <message>
        <source>{what} was changed by {who} after you opened it.</source>
        <translation>Nach dem Öffnen hat {who} „{what}“ geändert.</translation>
    </message>
    <message>
        <source>{what} was changed at {at} UTC after you opened it.</source>
        <translation>„{what}“ wurde nach dem Öffnen geändert (um {at} UTC).</translation>
    </message>
    <message>
        <source>{what} was changed after you opened it.</source>
        <translation>„{what}“ wurde nach dem Öffnen geändert.</translation>
    </message>
    <message>
        <source>{changed} Reload to see the change; your edits are kept.</source>
        <translation>{changed} Laden Sie neu, um die Änderung zu sehen; Ihre Eingaben bleiben erhalten.</translation>
    </message>
    <message>
        <source>Billing Desktop could not load its module {module} ({why}): its compiled copy {file} is damaged, not the database. Nothing was saved. Delete that file (Python makes it again) or reinstall Billing Desktop.</source>
        <translation>Billing Desktop konnte sein Modul {module} nicht laden ({why}): seine kompilierte Kopie {file} ist beschädigt, nicht die Datenbank. Nichts wurde gespeichert. Löschen Sie diese Datei (Python erzeugt sie neu) oder installieren Sie Billing Desktop neu.</translation>
    </message>
    <message>
        <source>Billing Desktop could not load its module {module} ({why}): the installation is damaged or incomplete, not the database. Nothing was saved. Reinstall Billing Desktop.</source>
        <translation>Billing Desktop konnte sein Modul {module} nicht laden ({why}): die Installation ist beschädigt oder unvollständig, nicht die Datenbank. Nichts wurde gespeichert. Installieren Sie Billing Desktop neu.</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Falsches Passwort.</translation>
    </message>
    <message>
        <source>Wrong email or password.</source>
        <translation>Falsche E-Mail-Adresse oder falsches Passwort.</translation>
    </message>
    <message>
        <source>An operator account already exists; sign in with it to add more.</source>
        <translation>Es gibt schon ein Operator-Konto; melden Sie sich damit an, um weitere anzulegen.</translation>
    </message>
    <message>
        <source>This email is already in use.</source>
        <translation>Diese E-Mail-Adresse wird schon verwendet.</translation>
    </message>
    <message>
        <source>Too many failed attempts: this account is locked for {minutes} minutes.</source>
        <translation>Zu viele Fehlversuche: dieses Konto ist für {minutes} Minuten gesperrt.</translation>
    </message>
    <message>
        <source>Too many failed attempts: this account is locked for {minutes} more minute(s).</source>
        <translation>Zu viele Fehlversuche: dieses Konto ist noch {minutes} Minute(n) gesperrt.</translation>
    </message>
    <message>
        <source>The session is locked. Unlock it with your password.</source>
        <translation>Die Sitzung ist gesperrt. Entsperren Sie sie mit Ihrem Passwort.</translation>
    </message>
    <message>
        <source>Your account is no longer active.</source>
        <translation>Ihr Konto ist nicht mehr aktiv.</translation>
    </message>
    <message>
        <source>Your profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Choose a password different from the current one.</source>
        <translation>Wählen Sie ein anderes Passwort als das bisherige.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>Das aktuelle Passwort ist falsch.</translation>
    </message>
    <message>
        <source>Backups of a {value} database are not supported.</source>
        <translation>Sicherungen einer {value}-Datenbank werden nicht unterstützt.</translation>
    </message>
    <message>
        <source>{dest} cannot be read: {strerror}.</source>
        <translation>{dest} kann nicht gelesen werden: {strerror}.</translation>
    </message>
    <message>
        <source>{dest} exists and is not a regular file; choose another name.</source>
        <translation>{dest} existiert und ist keine gewöhnliche Datei; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>{dest} exists and is not a backup; choose another name.</source>
        <translation>{dest} existiert und ist keine Sicherung; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>The vault was re-keyed three times during the backup; try again.</source>
        <translation>Der Tresor wurde während der Sicherung dreimal neu verschlüsselt; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Cannot read {path}: {value}.</source>
        <translation>{path} kann nicht gelesen werden: {value}.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>Abgebrochen: nichts wurde geändert.</translation>
    </message>
    <message>
        <source>The database inside the backup does not match its checksum: the file was altered.</source>
        <translation>Die Datenbank in der Sicherung passt nicht zu ihrer Prüfsumme: die Datei wurde verändert.</translation>
    </message>
    <message>
        <source>The database inside the backup is not sound ({problem}).</source>
        <translation>Die Datenbank in der Sicherung ist nicht intakt ({problem}).</translation>
    </message>
    <message>
        <source>The database inside the backup belongs to another vault: the file was altered.</source>
        <translation>Die Datenbank in der Sicherung gehört zu einem anderen Tresor: die Datei wurde verändert.</translation>
    </message>
    <message>
        <source>Keep at least one backup.</source>
        <translation>Behalten Sie mindestens eine Sicherung.</translation>
    </message>
    <message>
        <source>Choose the folder the backups go to.</source>
        <translation>Wählen Sie den Ordner für die Sicherungen.</translation>
    </message>
    <message>
        <source>Give the full path of the folder.</source>
        <translation>Geben Sie den vollständigen Pfad des Ordners an.</translation>
    </message>
    <message>
        <source>This folder does not exist.</source>
        <translation>Dieser Ordner existiert nicht.</translation>
    </message>
    <message>
        <source>This folder cannot be written to.</source>
        <translation>In diesen Ordner kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Choose 0 (off) to {max_hours} hours.</source>
        <translation>Wählen Sie 0 (aus) bis {max_hours} Stunden.</translation>
    </message>
    <message>
        <source>Keep between 1 and {max_keep} backups.</source>
        <translation>Behalten Sie 1 bis {max_keep} Sicherungen.</translation>
    </message>
    <message>
        <source>This tenant has no connected Stripe account.</source>
        <translation>Dieser Mandant hat kein verbundenes Stripe-Konto.</translation>
    </message>
    <message>
        <source>Showing saved data: {problem}</source>
        <translation>Gespeicherte Daten werden angezeigt: {problem}</translation>
    </message>
    <message>
        <source>Stripe makes dashboard login links only for Express accounts; this one is {kind}. Standard accounts sign in at dashboard.stripe.com.</source>
        <translation>Stripe erstellt Dashboard-Anmeldelinks nur für Express-Konten; dieses ist {kind}. Standard-Konten melden sich auf dashboard.stripe.com an.</translation>
    </message>
    <message>
        <source>Stripe makes dashboard login links only for Express accounts; this one is {kind}.</source>
        <translation>Stripe erstellt Dashboard-Anmeldelinks nur für Express-Konten; dieses ist {kind}.</translation>
    </message>
    <message>
        <source>Give a capability name such as card_payments or transfers.</source>
        <translation>Geben Sie den Namen einer Fähigkeit an, etwa card_payments oder transfers.</translation>
    </message>
    <message>
        <source>Stripe: {description} ({value}).</source>
        <translation>Stripe: {description} ({value}).</translation>
    </message>
    <message>
        <source>Unexpected error ({name}).</source>
        <translation>Unerwarteter Fehler ({name}).</translation>
    </message>
    <message>
        <source>Paste the whole address from the browser&apos;s address bar (it contains ?code=…&amp;state=…).</source>
        <translation>Fügen Sie die ganze Adresse aus der Adressleiste des Browsers ein (sie enthält ?code=…&amp;state=…).</translation>
    </message>
    <message>
        <source>The pasted address could not be read (bad percent-encoding).</source>
        <translation>Die eingefügte Adresse ist nicht lesbar (fehlerhafte Prozent-Kodierung).</translation>
    </message>
    <message>
        <source>The pasted address does not belong to this connection attempt.</source>
        <translation>Die eingefügte Adresse gehört nicht zu diesem Verbindungsversuch.</translation>
    </message>
    <message>
        <source>No answer from the browser within {int_timeout} seconds. Start again when ready.</source>
        <translation>Keine Antwort vom Browser innerhalb von {int_timeout} Sekunden. Beginnen Sie erneut, wenn Sie so weit sind.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Not applied: {message}</source>
        <translation>Nicht angewendet: {message}</translation>
    </message>
    <message>
        <source>the platform&apos;s Stripe webhook signing secret is not set: an operator sets it in Platform Stripe settings (or `billing-desktop platform set-webhook-secret`).</source>
        <translation>das Webhook-Signaturgeheimnis der Plattform für Stripe ist nicht gesetzt: ein Betreiber setzt es in den Stripe-Einstellungen der Plattform (oder mit `billing-desktop platform set-webhook-secret`).</translation>
    </message>
    <message>
        <source>No Stripe-Signature header.</source>
        <translation>Kein Stripe-Signature-Header.</translation>
    </message>
    <message>
        <source>Could not apply the event.</source>
        <translation>Das Ereignis konnte nicht angewendet werden.</translation>
    </message>
    <message>
        <source>Not a Stripe event.</source>
        <translation>Kein Stripe-Ereignis.</translation>
    </message>
    <message>
        <source>Not a Connect account event.</source>
        <translation>Kein Ereignis eines Connect-Kontos.</translation>
    </message>
    <message>
        <source>A {value}-mode event for a {mode}-mode tenant: not applied.</source>
        <translation>Ein Ereignis im Modus {value} für einen Mandanten im Modus {mode}: nicht angewendet.</translation>
    </message>
    <message>
        <source>The event is about {value}, not this tenant&apos;s account.</source>
        <translation>Das Ereignis betrifft {value}, nicht das Konto dieses Mandanten.</translation>
    </message>
    <message>
        <source>Older than the saved copy.</source>
        <translation>Älter als die gespeicherte Kopie.</translation>
    </message>
    <message>
        <source>The account was disconnected meanwhile.</source>
        <translation>Das Konto wurde inzwischen getrennt.</translation>
    </message>
    <message>
        <source>Applied {kind}.</source>
        <translation>{kind} angewendet.</translation>
    </message>
    <message>
        <source>Synced {updated} connected accounts from {pages} page(s) of Stripe&apos;s account list.</source>
        <translation>{updated} verbundene Konten aus {pages} Seite(n) der Kontenliste von Stripe abgeglichen.</translation>
    </message>
    <message>
        <source>Partial sync: {updated} accounts refreshed, {not_reached} not reached.</source>
        <translation>Teilweiser Abgleich: {updated} Konten aktualisiert, {not_reached} nicht erreicht.</translation>
    </message>
    <message>
        <source>Cancelled; what was fetched is kept.</source>
        <translation>Abgebrochen; bereits Geholtes bleibt erhalten.</translation>
    </message>
    <message>
        <source>Stripe no longer lists the account of: {slugs}.</source>
        <translation>Stripe führt das Konto dieser Mandanten nicht mehr: {slugs}.</translation>
    </message>
    <message>
        <source>Waited out {count} rate limit(s).</source>
        <translation>{count} Drosselung(en) durch Stripe abgewartet.</translation>
    </message>
    <message>
        <source>Stopped: {exc}</source>
        <translation>Angehalten: {exc}</translation>
    </message>
    <message>
        <source>Asking Stripe for the disputes of {slug} ({n} of {total})…</source>
        <translation>Stripe wird nach den Rückbuchungen von {slug} gefragt ({n} von {total})…</translation>
    </message>
    <message>
        <source>Showing saved data.</source>
        <translation>Gespeicherte Daten werden angezeigt.</translation>
    </message>
    <message>
        <source>No such file or folder: {value}.</source>
        <translation>Datei oder Ordner nicht gefunden: {value}.</translation>
    </message>
    <message>
        <source>Choose one of: {value}.</source>
        <translation>Wählen Sie eines von: {value}.</translation>
    </message>
    <message>
        <source>No such key.</source>
        <translation>Diesen Schlüssel gibt es nicht.</translation>
    </message>
    <message>
        <source>This key is no longer valid; its secret has been deleted.</source>
        <translation>Dieser Schlüssel ist nicht mehr gültig; sein Geheimnis wurde gelöscht.</translation>
    </message>
    <message>
        <source>This key&apos;s secret is missing from the vault. Regenerate the key to replace it.</source>
        <translation>Das Geheimnis dieses Schlüssels fehlt im Tresor. Erzeugen Sie den Schlüssel neu, um ihn zu ersetzen.</translation>
    </message>
    <message>
        <source>Choose test, live or all.</source>
        <translation>Wählen Sie test, live oder all.</translation>
    </message>
    <message>
        <source>Give a reason: it is kept with the key and in the audit log.</source>
        <translation>Geben Sie einen Grund an: er wird beim Schlüssel und im Prüfprotokoll gespeichert.</translation>
    </message>
    <message>
        <source>Only the platform&apos;s operators may do this.</source>
        <translation>Das dürfen nur die Betreiber der Plattform.</translation>
    </message>
    <message>
        <source>You can only work on your own tenant.</source>
        <translation>Sie können nur an Ihrem eigenen Mandanten arbeiten.</translation>
    </message>
    <message>
        <source>Your tenant has been deactivated.</source>
        <translation>Ihr Mandant wurde deaktiviert.</translation>
    </message>
    <message>
        <source>Your role ({value}) may not do this ({value2}).</source>
        <translation>Ihre Rolle ({value}) darf das nicht ({value2}).</translation>
    </message>
    <message>
        <source>Confirm your password to continue.</source>
        <translation>Bestätigen Sie Ihr Passwort, um fortzufahren.</translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation>Das Anfangsdatum liegt nach dem Enddatum.</translation>
    </message>
    <message>
        <source>A file name cannot contain a NUL character.</source>
        <translation>Ein Dateiname darf kein NUL-Zeichen enthalten.</translation>
    </message>
    <message>
        <source>{path} is a folder: choose a file name in it.</source>
        <translation>{path} ist ein Ordner: wählen Sie einen Dateinamen darin.</translation>
    </message>
    <message>
        <source>{path} is a symbolic link: choose a new file name or an existing file.</source>
        <translation>{path} ist ein symbolischer Link: wählen Sie einen neuen Dateinamen oder eine vorhandene Datei.</translation>
    </message>
    <message>
        <source>{path} is not a regular file (a device or a pipe): choose a new file name.</source>
        <translation>{path} ist keine normale Datei (ein Gerät oder eine Pipe): wählen Sie einen neuen Dateinamen.</translation>
    </message>
    <message>
        <source>Cancelled: only the {fetched} newest fees of the period were fetched.</source>
        <translation>Abgebrochen: nur die {fetched} neuesten Gebühren des Zeitraums wurden abgerufen.</translation>
    </message>
    <message>
        <source>{count} fees fetched</source>
        <translation>{count} Gebühren abgerufen</translation>
    </message>
    <message>
        <source>A recovery key exists already: rotate it to replace it (the old one then stops working).</source>
        <translation>Es gibt schon einen Wiederherstellungsschlüssel: tauschen Sie ihn aus, um ihn zu ersetzen (der alte gilt dann nicht mehr).</translation>
    </message>
    <message>
        <source>There is no recovery key yet: create one first.</source>
        <translation>Es gibt noch keinen Wiederherstellungsschlüssel: erstellen Sie zuerst einen.</translation>
    </message>
    <message>
        <source>This is a valid recovery key, but not the current one of this database (an older, rotated key?).</source>
        <translation>Das ist ein gültiger Wiederherstellungsschlüssel, aber nicht der aktuelle dieser Datenbank (ein älterer, ausgetauschter?).</translation>
    </message>
    <message>
        <source>A database exists already ({target}). Restoring replaces it: confirm (--replace) and the current one is kept in the backups folder first.</source>
        <translation>Es gibt schon eine Datenbank ({target}). Die Wiederherstellung ersetzt sie: bestätigen Sie (--replace), dann wird die aktuelle zuerst im Sicherungsordner aufbewahrt.</translation>
    </message>
    <message>
        <source>The backup holds no active operator {value}.</source>
        <translation>Die Sicherung enthält keinen aktiven Operator {value}.</translation>
    </message>
    <message>
        <source>The backup holds no active operator account to restore access for.</source>
        <translation>Die Sicherung enthält kein aktives Operator-Konto, dessen Zugang wiederhergestellt werden könnte.</translation>
    </message>
    <message>
        <source>Choose between 1 and 240 minutes.</source>
        <translation>Wählen Sie 1 bis 240 Minuten.</translation>
    </message>
    <message>
        <source>Choose Off, or between {low} and {high} minutes.</source>
        <translation>Wählen Sie Aus oder {low} bis {high} Minuten.</translation>
    </message>
    <message>
        <source>The preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>No such tenant.</source>
        <translation>Diesen Mandanten gibt es nicht.</translation>
    </message>
    <message>
        <source>Choose express or standard.</source>
        <translation>Wählen Sie express oder standard.</translation>
    </message>
    <message>
        <source>The account type {account_type} is ignored: the tenant already has account {existing} ({how}); onboarding continues on that account.</source>
        <translation>Der Kontotyp {account_type} wird ignoriert: der Mandant hat schon das Konto {existing} ({how}); das Onboarding wird mit diesem Konto fortgesetzt.</translation>
    </message>
    <message>
        <source>Another onboarding of this tenant saved account {saved} first; it continues on that one. The account {made} made for this attempt is not used: delete it in Stripe.</source>
        <translation>Ein anderes Onboarding dieses Mandanten hat zuerst das Konto {saved} gespeichert; es wird mit diesem fortgesetzt. Das für diesen Versuch angelegte Konto {made} wird nicht verwendet: löschen Sie es in Stripe.</translation>
    </message>
    <message>
        <source>Stripe says the platform&apos;s access to this account was revoked: the tenant is now disconnected.</source>
        <translation>Laut Stripe wurde der Zugriff der Plattform auf dieses Konto widerrufen: der Mandant ist jetzt getrennt.</translation>
    </message>
    <message>
        <source>Showing saved data: {exc}</source>
        <translation>Gespeicherte Daten werden angezeigt: {exc}</translation>
    </message>
    <message>
        <source>{exc} Nothing was disconnected: the local record of {account_id} and its tokens were kept. Try again when Stripe can be reached.</source>
        <translation>{exc} Nichts wurde getrennt: der lokale Eintrag von {account_id} und seine Tokens wurden behalten. Versuchen Sie es erneut, wenn Stripe erreichbar ist.</translation>
    </message>
    <message>
        <source>Stripe says {account_id} was no longer connected; the local record is now disconnected too.</source>
        <translation>Laut Stripe war {account_id} nicht mehr verbunden; der lokale Eintrag ist jetzt ebenfalls getrennt.</translation>
    </message>
    <message>
        <source>Disconnected {account_id}.</source>
        <translation>{account_id} getrennt.</translation>
    </message>
    <message>
        <source>The browser came back without an authorization code.</source>
        <translation>Der Browser kam ohne Autorisierungscode zurück.</translation>
    </message>
    <message>
        <source>Enter the signing secret of the platform&apos;s Connect webhook endpoint: whsec_… from the Stripe dashboard.</source>
        <translation>Geben Sie das Signaturgeheimnis des Connect-Webhook-Endpunkts der Plattform ein: whsec_… aus dem Stripe-Dashboard.</translation>
    </message>
    <message>
        <source>The platform&apos;s Stripe secret key is not set: an operator sets it in Platform settings (or `billing-desktop platform set-stripe`).</source>
        <translation>Der geheime Stripe-Schlüssel der Plattform ist nicht gesetzt: ein Operator setzt ihn in den Plattform-Einstellungen (oder mit `billing-desktop platform set-stripe`).</translation>
    </message>
    <message>
        <source>The Stripe Connect client ID (ca_…) is not set: an operator sets it in Platform settings.</source>
        <translation>Die Stripe-Connect-Client-ID (ca_…) ist nicht gesetzt: ein Operator setzt sie in den Plattform-Einstellungen.</translation>
    </message>
    <message>
        <source>Enter the Connect client ID from the Stripe dashboard: ca_ followed by letters, digits and _.</source>
        <translation>Geben Sie die Connect-Client-ID aus dem Stripe-Dashboard ein: ca_, gefolgt von Buchstaben, Ziffern und _.</translation>
    </message>
    <message>
        <source>Enter a secret key: sk_test_… or sk_live_… (a restricted rk_ key also works).</source>
        <translation>Geben Sie einen geheimen Schlüssel ein: sk_test_… oder sk_live_… (ein eingeschränkter rk_-Schlüssel geht auch).</translation>
    </message>
    <message>
        <source>Choose a port from 1024 to 65535.</source>
        <translation>Wählen Sie einen Port von 1024 bis 65535.</translation>
    </message>
    <message>
        <source>The platform settings</source>
        <translation>Plattform-Einstellungen</translation>
    </message>
    <message>
        <source>No operator account {normalize_email_email}.</source>
        <translation>Kein Operator-Konto {normalize_email_email}.</translation>
    </message>
    <message>
        <source>You cannot revoke your own access: ask another operator.</source>
        <translation>Ihren eigenen Zugang können Sie nicht widerrufen: bitten Sie einen anderen Operator.</translation>
    </message>
    <message>
        <source>No operator key with the fingerprint {wanted}: see `billing-desktop team status`.</source>
        <translation>Kein Operator-Schlüssel mit dem Fingerabdruck {wanted}: siehe `billing-desktop team status`.</translation>
    </message>
    <message>
        <source>The key {wanted} is already revoked.</source>
        <translation>Der Schlüssel {wanted} ist schon widerrufen.</translation>
    </message>
    <message>
        <source>Refused: this is the key this machine is using. Revoke it from another machine (or another operator&apos;s account).</source>
        <translation>Abgelehnt: diesen Schlüssel verwendet dieser Rechner. Widerrufen Sie ihn von einem anderen Rechner (oder dem Konto eines anderen Operators) aus.</translation>
    </message>
    <message>
        <source>Enter a host name or address, like db.example.com.</source>
        <translation>Geben Sie einen Hostnamen oder eine Adresse ein, etwa db.example.com.</translation>
    </message>
    <message>
        <source>Enter a port between 1 and 65535.</source>
        <translation>Geben Sie einen Port zwischen 1 und 65535 ein.</translation>
    </message>
    <message>
        <source>Enter the database name.</source>
        <translation>Geben Sie den Namen der Datenbank ein.</translation>
    </message>
    <message>
        <source>Enter the database user (role).</source>
        <translation>Geben Sie den Datenbankbenutzer (die Rolle) ein.</translation>
    </message>
    <message>
        <source>Choose a TLS mode: {modes}.</source>
        <translation>Wählen Sie einen TLS-Modus: {modes}.</translation>
    </message>
    <message>
        <source>local file {name}</source>
        <translation>lokale Datei {name}</translation>
    </message>
    <message>
        <source>local database</source>
        <translation>lokale Datenbank</translation>
    </message>
    <message>
        <source>Could not connect to {display}: {describe_error_exc}</source>
        <translation>Keine Verbindung zu {display}: {describe_error_exc}</translation>
    </message>
    <message>
        <source>Give a PostgreSQL URL: postgresql+psycopg://USER@HOST:PORT/DB?sslmode=…</source>
        <translation>Geben Sie eine PostgreSQL-URL an: postgresql+psycopg://USER@HOST:PORT/DB?sslmode=…</translation>
    </message>
    <message>
        <source>Another tenant has this slug.</source>
        <translation>Ein anderer Mandant hat diesen Slug.</translation>
    </message>
    <message>
        <source>A tenant with this email already exists.</source>
        <translation>Es gibt schon einen Mandanten mit dieser E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>A user with this email already exists.</source>
        <translation>Es gibt schon einen Benutzer mit dieser E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>No tenant {ref!r}.</source>
        <translation>Kein Mandant {ref!r}.</translation>
    </message>
    <message>
        <source>Only a platform operator can reactivate a tenant.</source>
        <translation>Nur ein Operator der Plattform kann einen Mandanten reaktivieren.</translation>
    </message>
    <message>
        <source>No tenant {tenant_id}.</source>
        <translation>Kein Mandant {tenant_id}.</translation>
    </message>
    <message>
        <source>Choose an event type from the list.</source>
        <translation>Wählen Sie einen Ereignistyp aus der Liste.</translation>
    </message>
    <message>
        <source>Not valid JSON: {msg} (line {lineno}, column {colno}).</source>
        <translation>Kein gültiges JSON: {msg} (Zeile {lineno}, Spalte {colno}).</translation>
    </message>
    <message>
        <source>The payload must be a JSON object.</source>
        <translation>Die Nutzlast muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <source>Configure a webhook endpoint first.</source>
        <translation>Richten Sie zuerst einen Webhook-Endpunkt ein.</translation>
    </message>
    <message>
        <source>The endpoint has no signing secret in the keyring: roll the secret to make one.</source>
        <translation>Der Endpunkt hat kein Signaturgeheimnis im Schlüsselbund: erneuern Sie das Geheimnis, um eines zu erzeugen.</translation>
    </message>
    <message>
        <source>No such delivery for this tenant.</source>
        <translation>Diese Zustellung gibt es für diesen Mandanten nicht.</translation>
    </message>
    <message>
        <source>Attempt {attempt} in {seconds} s</source>
        <translation>Versuch {attempt} in {seconds} s</translation>
    </message>
    <message>
        <source>Could not check: {name}</source>
        <translation>Prüfung nicht möglich: {name}</translation>
    </message>
    <message>
        <source>The webhook endpoint was removed meanwhile.</source>
        <translation>Der Webhook-Endpunkt wurde inzwischen entfernt.</translation>
    </message>
    <message>
        <source>Choose at least one event type from the list (or all).</source>
        <translation>Wählen Sie mindestens einen Ereignistyp aus der Liste (oder alle).</translation>
    </message>
    <message>
        <source>Choose stripe or standard.</source>
        <translation>Wählen Sie stripe oder standard.</translation>
    </message>
    <message>
        <source>The webhook endpoint</source>
        <translation>Webhook-Endpunkt</translation>
    </message>
    <message>
        <source>This tenant has no webhook endpoint.</source>
        <translation>Dieser Mandant hat keinen Webhook-Endpunkt.</translation>
    </message>
    <message>
        <source>Choose an overlap of none, 1h or 24h.</source>
        <translation>Wählen Sie als Überlappung keine, 1h oder 24h.</translation>
    </message>
    <message>
        <source>Save a webhook endpoint first.</source>
        <translation>Speichern Sie zuerst einen Webhook-Endpunkt.</translation>
    </message>
    <message>
        <source>No such active signing secret.</source>
        <translation>Dieses aktive Signaturgeheimnis gibt es nicht.</translation>
    </message>
    <message>
        <source>The signing secret is missing from the vault: roll it to make a new one.</source>
        <translation>Das Signaturgeheimnis fehlt im Tresor: erneuern Sie es, um ein neues zu erzeugen.</translation>
    </message>
    <message>
        <source>The target database is not empty ({value} hold rows); refusing to copy.</source>
        <translation>Die Zieldatenbank ist nicht leer ({value} enthalten Zeilen); das Kopieren wird abgelehnt.</translation>
    </message>
    <message>
        <source>The target lacks tables {value}: are both at the same app version?</source>
        <translation>Dem Ziel fehlen die Tabellen {value}: haben beide dieselbe App-Version?</translation>
    </message>
    <message>
        <source>Verification failed for {name}: {n_src} rows ({value}) here, {n_dst} rows ({value2}) in the target. The target is not a faithful copy; empty it.</source>
        <translation>Prüfung fehlgeschlagen für {name}: {n_src} Zeilen ({value}) hier, {n_dst} Zeilen ({value2}) im Ziel. Das Ziel ist keine getreue Kopie; leeren Sie es.</translation>
    </message>
    <message>
        <source>{path} is a directory, not a database file. Move it away, or point BILLING_DESKTOP_DATABASE_URL at a database file.</source>
        <translation>{path} ist ein Verzeichnis, keine Datenbankdatei. Verschieben Sie es, oder lassen Sie BILLING_DESKTOP_DATABASE_URL auf eine Datenbankdatei zeigen.</translation>
    </message>
    <message>
        <source>The database file {path} is empty (0 bytes): a failed copy or restore? Restore the newest copy from {value} if there is one, or delete the empty file to start a new, empty database.</source>
        <translation>Die Datenbankdatei {path} ist leer (0 Byte): eine fehlgeschlagene Kopie oder Wiederherstellung? Stellen Sie die neueste Kopie aus {value} wieder her, falls es eine gibt, oder löschen Sie die leere Datei, um mit einer neuen, leeren Datenbank zu beginnen.</translation>
    </message>
    <message>
        <source>{path} is not a Billing Desktop database (not an SQLite file).</source>
        <translation>{path} ist keine Billing-Desktop-Datenbank (keine SQLite-Datei).</translation>
    </message>
    <message>
        <source>Cannot create or read the database in {where}: {value}. Check that the folder exists and is writable, or set BILLING_DESKTOP_HOME to another folder.</source>
        <translation>Die Datenbank in {where} kann nicht angelegt oder gelesen werden: {value}. Prüfen Sie, ob der Ordner existiert und beschreibbar ist, oder setzen Sie BILLING_DESKTOP_HOME auf einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Cannot create the database {path}: {exc}.</source>
        <translation>Die Datenbank {path} kann nicht angelegt werden: {exc}.</translation>
    </message>
    <message>
        <source>This database was written by a newer Billing Desktop (schema {current}). Install the newer version, or point BILLING_DESKTOP_DATABASE_URL at another database.</source>
        <translation>Diese Datenbank wurde von einem neueren Billing Desktop geschrieben (Schema {current}). Installieren Sie die neuere Version, oder lassen Sie BILLING_DESKTOP_DATABASE_URL auf eine andere Datenbank zeigen.</translation>
    </message>
    <message>
        <source>This database holds tables that Billing Desktop did not create; refusing to touch it.</source>
        <translation>Diese Datenbank enthält Tabellen, die nicht von Billing Desktop stammen; sie wird nicht angerührt.</translation>
    </message>
    <message>
        <source>{mask_url_password_url}: {storage_advice_exc}</source>
        <translation>{mask_url_password_url}: {storage_advice_exc}</translation>
    </message>
    <message>
        <source>Could not open the database {mask_url_password_url}: {why}</source>
        <translation>Die Datenbank {mask_url_password_url} konnte nicht geöffnet werden: {why}</translation>
    </message>
    <message>
        <source>The current database is in use by another Billing Desktop (window or command): quit it, then restore again. Nothing was changed.</source>
        <translation>Die aktuelle Datenbank wird von einem anderen Billing Desktop (Fenster oder Befehl) benutzt: beenden Sie es und stellen Sie dann erneut wieder her. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>This backup has format {value!r}; this version of Billing Desktop reads format {format}. Use the version that made it, or a newer one.</source>
        <translation>Diese Sicherung hat das Format {value!r}; diese Version von Billing Desktop liest das Format {format}. Verwenden Sie die Version, die sie erstellt hat, oder eine neuere.</translation>
    </message>
    <message>
        <source>The backup&apos;s header is damaged: this file was altered or is not whole.</source>
        <translation>Der Kopf der Sicherung ist beschädigt: die Datei wurde verändert oder ist unvollständig.</translation>
    </message>
    <message>
        <source>The backup was cancelled; the partial file was removed.</source>
        <translation>Die Sicherung wurde abgebrochen; die unvollständige Datei wurde entfernt.</translation>
    </message>
    <message>
        <source>This file is not a Billing Desktop backup (it does not start like one).</source>
        <translation>Diese Datei ist keine Billing-Desktop-Sicherung (sie beginnt nicht wie eine).</translation>
    </message>
    <message>
        <source>The backup is cut off inside its header: the file is not whole.</source>
        <translation>Die Sicherung bricht in ihrem Kopf ab: die Datei ist unvollständig.</translation>
    </message>
    <message>
        <source>The backup ends too early: the file was cut off (an interrupted copy or sync?).</source>
        <translation>Die Sicherung endet zu früh: die Datei wurde abgeschnitten (ein unterbrochenes Kopieren oder Synchronisieren?).</translation>
    </message>
    <message>
        <source>The backup is damaged at chunk {value}: this file was altered.</source>
        <translation>Die Sicherung ist bei Block {value} beschädigt: die Datei wurde verändert.</translation>
    </message>
    <message>
        <source>The backup has bytes after its end: this file was altered.</source>
        <translation>Die Sicherung hat Bytes nach ihrem Ende: die Datei wurde verändert.</translation>
    </message>
    <message>
        <source>The backup does not open: its header or first part was altered (the key itself matched).</source>
        <translation>Die Sicherung lässt sich nicht öffnen: ihr Kopf oder erster Teil wurde verändert (der Schlüssel selbst passte).</translation>
    </message>
    <message>
        <source>There is no recovery key yet, so a backup could only be opened on a machine that already has access. Create the recovery key first (Vault → Recovery key…, or `billing-desktop recovery-key create`).</source>
        <translation>Es gibt noch keinen Wiederherstellungsschlüssel, also ließe sich eine Sicherung nur auf einem Rechner öffnen, der schon Zugang hat. Erstellen Sie zuerst den Wiederherstellungsschlüssel (Tresor → Wiederherstellungsschlüssel… oder `billing-desktop recovery-key create`).</translation>
    </message>
    <message>
        <source>The backup&apos;s header was altered: its sealed key does not open.</source>
        <translation>Der Kopf der Sicherung wurde verändert: ihr versiegelter Schlüssel lässt sich nicht öffnen.</translation>
    </message>
    <message>
        <source>This OS account holds no operator key for the vault of this backup: give the recovery key (--recovery-key, or BILLING_DESKTOP_RECOVERY_KEY).</source>
        <translation>Dieses Betriebssystemkonto hat keinen Operator-Schlüssel für den Tresor dieser Sicherung: geben Sie den Wiederherstellungsschlüssel an (--recovery-key oder BILLING_DESKTOP_RECOVERY_KEY).</translation>
    </message>
    <message>
        <source>This OS account&apos;s operator key had no access when this backup was made: give the recovery key (--recovery-key, or BILLING_DESKTOP_RECOVERY_KEY).</source>
        <translation>Der Operator-Schlüssel dieses Betriebssystemkontos hatte keinen Zugang, als diese Sicherung erstellt wurde: geben Sie den Wiederherstellungsschlüssel an (--recovery-key oder BILLING_DESKTOP_RECOVERY_KEY).</translation>
    </message>
    <message>
        <source>The OS keyring did not return what was stored in it.</source>
        <translation>Der Schlüsselbund des Betriebssystems hat nicht zurückgegeben, was darin gespeichert wurde.</translation>
    </message>
    <message>
        <source>The OS keyring ({describe_backend}) refused to {what} a secret: {name}. Unlock the keyring and try again.</source>
        <translation>Der Schlüsselbund des Betriebssystems ({describe_backend}) hat die Aktion „{what}“ für ein Geheimnis verweigert: {name}. Entsperren Sie den Schlüsselbund und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Refusing to store an empty secret.</source>
        <translation>Ein leeres Geheimnis wird nicht gespeichert.</translation>
    </message>
    <message>
        <source>This OS account&apos;s keyring already holds another operator&apos;s key for this database: each operator joins from their own OS account.</source>
        <translation>Der Schlüsselbund dieses Betriebssystemkontos enthält schon den Schlüssel eines anderen Operators für diese Datenbank: jeder Operator tritt von seinem eigenen Betriebssystemkonto aus bei.</translation>
    </message>
    <message>
        <source>This operator has no key waiting for access: they run `billing-desktop team join` first.</source>
        <translation>Dieser Operator hat keinen Schlüssel, der auf Zugang wartet: er führt zuerst `billing-desktop team join` aus.</translation>
    </message>
    <message>
        <source>Refused: this is not the fingerprint of the key waiting for this operator. Compare it again with them over a channel you trust (in person, by phone); a different key may have been put in the database by someone else.</source>
        <translation>Abgelehnt: das ist nicht der Fingerabdruck des Schlüssels, der für diesen Operator wartet. Vergleichen Sie ihn noch einmal mit ihm über einen vertrauenswürdigen Weg (persönlich, am Telefon); jemand anderes könnte einen anderen Schlüssel in die Datenbank gelegt haben.</translation>
    </message>
    <message>
        <source>This operator holds no vault key (nothing to revoke).</source>
        <translation>Dieser Operator hat keinen Tresorschlüssel (nichts zu widerrufen).</translation>
    </message>
    <message>
        <source>Refused: no other operator would be left with access, and every secret would be lost.</source>
        <translation>Abgelehnt: kein anderer Operator hätte dann noch Zugang, und alle Geheimnisse wären verloren.</translation>
    </message>
    <message>
        <source>Revoking was cancelled: nothing changed.</source>
        <translation>Das Widerrufen wurde abgebrochen: nichts wurde geändert.</translation>
    </message>
    <message>
        <source>The database has no vault state row: it was not created by this version&apos;s migrations.</source>
        <translation>Die Datenbank hat keine Tresor-Statuszeile: sie wurde nicht von den Migrationen dieser Version angelegt.</translation>
    </message>
    <message>
        <source>The sealed secret {name} in the backup does not open: it was altered.</source>
        <translation>Das versiegelte Geheimnis {name} in der Sicherung lässt sich nicht öffnen: es wurde verändert.</translation>
    </message>
    <message>
        <source>Waiting for access: your operator key ({fingerprint}) is not granted yet. Ask an operator to compare the fingerprint with you and run `billing-desktop team grant YOUR-EMAIL --fingerprint {fingerprint}`.</source>
        <translation>Warten auf Zugang: Ihr Operator-Schlüssel ({fingerprint}) ist noch nicht freigegeben. Bitten Sie einen Operator, den Fingerabdruck mit Ihnen zu vergleichen und `billing-desktop team grant IHRE-EMAIL --fingerprint {fingerprint}` auszuführen.</translation>
    </message>
    <message>
        <source>Your access to the team&apos;s secrets was revoked. Ask an operator to grant a new key (team join).</source>
        <translation>Ihr Zugang zu den Geheimnissen des Teams wurde widerrufen. Bitten Sie einen Operator, einen neuen Schlüssel freizugeben (team join).</translation>
    </message>
    <message>
        <source>No operator account exists yet, so there is no vault: create the first operator.</source>
        <translation>Es gibt noch kein Operator-Konto und daher keinen Tresor: legen Sie den ersten Operator an.</translation>
    </message>
    <message>
        <source>This OS account holds no operator key for this database: run `billing-desktop team join`, then ask an operator to grant access.</source>
        <translation>Dieses Betriebssystemkonto hat keinen Operator-Schlüssel für diese Datenbank: führen Sie `billing-desktop team join` aus und bitten Sie dann einen Operator um Zugang.</translation>
    </message>
    <message>
        <source>{exc}: run `billing-desktop team join` to make a new one.</source>
        <translation>{exc}: führen Sie `billing-desktop team join` aus, um einen neuen zu erzeugen.</translation>
    </message>
    <message>
        <source>The vault could not be unlocked: {exc}.</source>
        <translation>Der Tresor konnte nicht entsperrt werden: {exc}.</translation>
    </message>
    <message>
        <source>The sealed secret {name} does not open: it was altered or moved in the database.</source>
        <translation>Das versiegelte Geheimnis {name} lässt sich nicht öffnen: es wurde in der Datenbank verändert oder verschoben.</translation>
    </message>
    <message>
        <source>The new language applies to this window once unsaved changes are settled, or at the next sign-in.</source>
        <translation>Die neue Sprache gilt für dieses Fenster, sobald ungespeicherte Änderungen geklärt sind, sonst ab der nächsten Anmeldung.</translation>
    </message>
    <message>
        <source>The window now uses the new language.</source>
        <translation>Das Fenster verwendet jetzt die neue Sprache.</translation>
    </message>
    <message>
        <source>{path} is not a team database profile; remove it to use the local database.</source>
        <translation>{path} ist kein Profil einer Team-Datenbank; entfernen Sie es, um die lokale Datenbank zu verwenden.</translation>
    </message>
    <message>
        <source>{0}+ tenants (loading…)</source>
        <translation>{0}+ Mandanten (wird geladen…)</translation>
    </message>
    <message>
        <source>1 tenant</source>
        <translation>1 Mandant</translation>
    </message>
    <message>
        <source>{0} tenants</source>
        <translation>{0} Mandanten</translation>
    </message>
    <message>
        <source>{0} of {1} tenants</source>
        <translation>{0} von {1} Mandanten</translation>
    </message>
    <message>
        <source>Stripe no longer lists account {account}</source>
        <translation>Stripe führt das Konto {account} nicht mehr</translation>
    </message>
    <message>
        <source>Not returned by a full sync since {since} UTC: removed, or access revoked.</source>
        <translation>Seit {since} UTC von keiner vollständigen Synchronisierung mehr geliefert: entfernt oder Zugriff entzogen.</translation>
    </message>
    <message>
        <source>Live mode, but no Stripe account is connected</source>
        <translation>Live-Modus, aber kein Stripe-Konto verbunden</translation>
    </message>
    <message>
        <source>Charges cannot be made until an account is connected.</source>
        <translation>Zahlungen sind erst möglich, wenn ein Konto verbunden ist.</translation>
    </message>
    <message>
        <source>Old key {key} stops working</source>
        <translation>Alter Schlüssel {key} wird ungültig</translation>
    </message>
    <message>
        <source>Its grace period after a roll ends: make sure every client uses the new key.</source>
        <translation>Seine Übergangsfrist nach dem Austausch endet: Stellen Sie sicher, dass jeder Client den neuen Schlüssel verwendet.</translation>
    </message>
    <message>
        <source>Webhook endpoint is failing</source>
        <translation>Webhook-Endpunkt schlägt fehl</translation>
    </message>
    <message>
        <source>{url}: last delivery {at} UTC failed ({why}).</source>
        <translation>{url}: Letzte Zustellung am {at} UTC fehlgeschlagen ({why}).</translation>
    </message>
    <message>
        <source>{list}; {item}</source>
        <translation>{list}; {item}</translation>
    </message>
    <message>
        <source>{list}; and {n} more</source>
        <translation>{list}; und {n} weitere</translation>
    </message>
    <message>
        <source>{n} requirement past due</source>
        <translation>{n} Anforderung überfällig</translation>
    </message>
    <message>
        <source>{n} requirements past due</source>
        <translation>{n} Anforderungen überfällig</translation>
    </message>
    <message>
        <source>{n} requirement currently due</source>
        <translation>{n} Anforderung derzeit fällig</translation>
    </message>
    <message>
        <source>{n} requirements currently due</source>
        <translation>{n} Anforderungen derzeit fällig</translation>
    </message>
    <message>
        <source>Capability {name} is inactive</source>
        <translation>Funktion {name} ist inaktiv</translation>
    </message>
    <message>
        <source>Payout of {amount} failed</source>
        <translation>Auszahlung über {amount} fehlgeschlagen</translation>
    </message>
    <message>
        <source>Dispute of {amount} needs evidence</source>
        <translation>Rückbuchung über {amount} braucht Nachweise</translation>
    </message>
    <message>
        <source>in {n} day</source>
        <translation>in {n} Tag</translation>
    </message>
    <message>
        <source>in {n} days</source>
        <translation>in {n} Tagen</translation>
    </message>
    <message>
        <source>{n} day ago</source>
        <translation>vor {n} Tag</translation>
    </message>
    <message>
        <source>{n} days ago</source>
        <translation>vor {n} Tagen</translation>
    </message>
    <message>
        <source>in {n} hour</source>
        <translation>in {n} Stunde</translation>
    </message>
    <message>
        <source>in {n} hours</source>
        <translation>in {n} Stunden</translation>
    </message>
    <message>
        <source>{n} hour ago</source>
        <translation>vor {n} Stunde</translation>
    </message>
    <message>
        <source>{n} hours ago</source>
        <translation>vor {n} Stunden</translation>
    </message>
    <message>
        <source>in {n} minute</source>
        <translation>in {n} Minute</translation>
    </message>
    <message>
        <source>in {n} minutes</source>
        <translation>in {n} Minuten</translation>
    </message>
    <message>
        <source>{n} minute ago</source>
        <translation>vor {n} Minute</translation>
    </message>
    <message>
        <source>{n} minutes ago</source>
        <translation>vor {n} Minuten</translation>
    </message>
    <message>
        <source>Well-formed {mode} {kind} key, but not one of your tenant&apos;s keys (made by another installation, or never issued).</source>
        <translation>Wohlgeformter {mode}-{kind}-Schlüssel, aber keiner der Schlüssel Ihres Mandanten (von einer anderen Installation erzeugt oder nie ausgegeben).</translation>
    </message>
    <message>
        <source>Well-formed {mode} {kind} key, but not one of this platform&apos;s keys (made by another installation, or never issued).</source>
        <translation>Wohlgeformter {mode}-{kind}-Schlüssel, aber keiner der Schlüssel dieser Plattform (von einer anderen Installation erzeugt oder nie ausgegeben).</translation>
    </message>
    <message>
        <source>{status}; the tenant is deactivated, so the key is refused</source>
        <translation>{status}; der Mandant ist deaktiviert, daher wird der Schlüssel abgelehnt</translation>
    </message>
    <message>
        <source>{tenant} ({slug}) — {mode} {kind} key, {status}.</source>
        <translation>{tenant} ({slug}) — {mode}-{kind}-Schlüssel, {status}.</translation>
    </message>
    <message>
        <source>expiring at {at} UTC (replaced, in its grace period)</source>
        <translation>läuft am {at} UTC ab (ersetzt, in der Übergangsfrist)</translation>
    </message>
    <message>
        <source>expired at {at} UTC (replaced)</source>
        <translation>abgelaufen am {at} UTC (ersetzt)</translation>
    </message>
    <message>
        <source>revoked at {at} UTC by {who}: {reason}</source>
        <translation>widerrufen am {at} UTC von {who}: {reason}</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>Stripe&apos;s answer held a link that is not a stripe.com https address, so it was not opened: check the network and the Stripe base URL settings.</source>
        <translation>Die Antwort von Stripe enthielt einen Link, der keine https-Adresse von stripe.com ist; er wurde nicht geöffnet: prüfen Sie das Netzwerk und die Einstellungen der Stripe-Basisadresse.</translation>
    </message>
    <message>
        <source>Stripe sent a list page of {path} the app cannot read: it stopped there.</source>
        <translation>Stripe hat eine Listenseite von {path} gesendet, die die App nicht lesen kann: dort wurde aufgehört.</translation>
    </message>
    <message>
        <source>Platform Stripe settings</source>
        <translation>Stripe-Einstellungen der Plattform</translation>
    </message>
    <message>
        <source>Used for every tenant&apos;s Stripe Connect. The secret key and the webhook secret are sealed in the database, opened only with the operators&apos; keys.</source>
        <translation>Gilt für Stripe Connect aller Mandanten. Der geheime Schlüssel und das Webhook-Geheimnis werden versiegelt in der Datenbank gespeichert und nur mit den Schlüsseln der Betreiber geöffnet.</translation>
    </message>
    <message>
        <source>Not a cursor a tenant listing printed: copy it whole, or list again without --after.</source>
        <translation>Kein Cursor, den eine Mandantenliste ausgegeben hat: vollständig kopieren oder ohne --after erneut auflisten.</translation>
    </message>
    <message>
        <source>This cursor continues a listing in another order ({sort}): list with the --sort and --desc it was printed with.</source>
        <translation>Dieser Cursor setzt eine Liste in anderer Reihenfolge fort ({sort}): mit dem --sort und --desc auflisten, mit dem er ausgegeben wurde.</translation>
    </message>
    <message>
        <source>Failed payouts: {count}, from {asked} of {accounts} connected accounts asked.</source>
        <translation>Fehlgeschlagene Auszahlungen: {count}, von {asked} der {accounts} verbundenen Konten abgefragt.</translation>
    </message>
    <message>
        <source>Payouts ({status}): {count}, from {asked} of {accounts} connected accounts asked.</source>
        <translation>Auszahlungen ({status}): {count}, von {asked} der {accounts} verbundenen Konten abgefragt.</translation>
    </message>
    <message>
        <source>Give a payout status: {choices}.</source>
        <translation>Geben Sie einen Auszahlungsstatus an: {choices}.</translation>
    </message>
    <message>
        <source>Asking Stripe for the payouts of {total} connected accounts…</source>
        <translation>Stripe wird nach den Auszahlungen von {total} verbundenen Konten gefragt…</translation>
    </message>
    <message>
        <source>{slug}: {problem}</source>
        <translation>{slug}: {problem}</translation>
    </message>
    <message>
        <source>Payouts: {n} of {total} connected accounts done…</source>
        <translation>Auszahlungen: {n} von {total} verbundenen Konten erledigt…</translation>
    </message>
    <message>
        <source>Cancelled: {left} of {total} accounts not asked.</source>
        <translation>Abgebrochen: {left} von {total} Konten nicht abgefragt.</translation>
    </message>
    <message>
        <source>{left} of {total} accounts not asked.</source>
        <translation>{left} von {total} Konten nicht abgefragt.</translation>
    </message>
</context>
<context>
    <name>AddOperatorDialog</name>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Vorname:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Nachname:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>at least 12 characters</source>
        <translation>mindestens 12 Zeichen</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>Restored from the backup ({0:,} tenants, {1:,} secrets). Sign in with your usual password.</source>
        <translation>Aus der Sicherung wiederhergestellt ({0:,} Mandanten, {1:,} Geheimnisse). Melden Sie sich mit Ihrem gewohnten Passwort an.</translation>
    </message>
    <message>
        <source>No operator account yet: restart to run the first-start wizard.</source>
        <translation>Noch kein Operator-Konto: Starten Sie neu, um den Ersteinrichtungs-Assistenten auszuführen.</translation>
    </message>
</context>
<context>
    <name>ApplyEventDialog</name>
    <message>
        <source>Apply a Stripe event to {0}</source>
        <translation>Stripe-Ereignis auf {0} anwenden</translation>
    </message>
    <message>
        <source>Paste an event Stripe sent (its body exactly as received) and the &lt;b&gt;Stripe-Signature&lt;/b&gt; header it came with. It is checked against the platform&apos;s Connect webhook signing secret and must name {0}&apos;s connected account and mode.</source>
        <translation>Fügen Sie ein von Stripe gesendetes Ereignis (den Inhalt genau wie empfangen) und den mitgelieferten &lt;b&gt;Stripe-Signature&lt;/b&gt;-Header ein. Es wird gegen das Connect-Webhook-Signaturgeheimnis der Plattform geprüft und muss das verbundene Konto und den Modus von {0} nennen.</translation>
    </message>
    <message>
        <source>Stripe-Signature header</source>
        <translation>Stripe-Signature-Header</translation>
    </message>
    <message>
        <source>Event body</source>
        <translation>Ereignisinhalt</translation>
    </message>
    <message>
        <source>&amp;Stripe-Signature:</source>
        <translation>&amp;Stripe-Signature:</translation>
    </message>
    <message>
        <source>Event &amp;body:</source>
        <translation>Ereignis&amp;inhalt:</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>Paste both the Stripe-Signature header and the event body.</source>
        <translation>Fügen Sie sowohl den Stripe-Signature-Header als auch den Ereignisinhalt ein.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
</context>
<context>
    <name>AttentionView</name>
    <message>
        <source>Needs attention</source>
        <translation>Handlungsbedarf</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Needs attention&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Handlungsbedarf&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Refresh &amp;all from Stripe…</source>
        <translation>&amp;Alles von Stripe aktualisieren…</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>Nothing needs attention.</source>
        <translation>Kein Handlungsbedarf.</translation>
    </message>
    <message>
        <source>&amp;Open tenant</source>
        <translation>Mandanten ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Fix…</source>
        <translation>&amp;Beheben…</translation>
    </message>
    <message>
        <source>Send &amp;fix-up link…</source>
        <translation>&amp;Nachbesserungs-Link senden…</translation>
    </message>
    <message>
        <source>Re&amp;send webhook</source>
        <translation>Webhook erneut &amp;senden</translation>
    </message>
    <message>
        <source>&amp;Connect account…</source>
        <translation>Konto &amp;verbinden…</translation>
    </message>
    <message>
        <source>account disabled</source>
        <translation>Konto deaktiviert</translation>
    </message>
    <message>
        <source>requirements past due</source>
        <translation>Anforderungen überfällig</translation>
    </message>
    <message>
        <source>dispute evidence</source>
        <translation>Nachweise zur Anfechtung</translation>
    </message>
    <message>
        <source>payout failed</source>
        <translation>Auszahlung fehlgeschlagen</translation>
    </message>
    <message>
        <source>requirements due</source>
        <translation>Anforderungen fällig</translation>
    </message>
    <message>
        <source>capability inactive</source>
        <translation>Funktion inaktiv</translation>
    </message>
    <message>
        <source>key grace period ending</source>
        <translation>Übergangsfrist des Schlüssels endet</translation>
    </message>
    <message>
        <source>webhook failing</source>
        <translation>Webhook schlägt fehl</translation>
    </message>
    <message>
        <source>account missing</source>
        <translation>Konto fehlt</translation>
    </message>
    <message>
        <source>live without an account</source>
        <translation>live ohne Konto</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Needs attention — 1 item</source>
        <translation>Handlungsbedarf — 1 Eintrag</translation>
    </message>
    <message>
        <source>Needs attention — {0} items</source>
        <translation>Handlungsbedarf — {0} Einträge</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>From saved data · last full sync {0}</source>
        <translation>Aus gespeicherten Daten · letzte vollständige Synchronisierung {0}</translation>
    </message>
    <message>
        <source>Fix-up link</source>
        <translation>Nachbesserungs-Link</translation>
    </message>
    <message>
        <source>Send this link to {0}: Stripe asks for everything due.</source>
        <translation>Senden Sie diesen Link an {0}: Stripe fragt alles Fällige ab.</translation>
    </message>
    <message>
        <source>Resent: delivered.</source>
        <translation>Erneut gesendet: zugestellt.</translation>
    </message>
    <message>
        <source>Resent: failed again.</source>
        <translation>Erneut gesendet: wieder fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>Only the selected &amp;tenant</source>
        <translation>Nur der ausgewählte &amp;Mandant</translation>
    </message>
    <message>
        <source>Actor email</source>
        <translation>E-Mail des Handelnden</translation>
    </message>
    <message>
        <source>Actor filter</source>
        <translation>Filter nach Handelndem</translation>
    </message>
    <message>
        <source>Action filter</source>
        <translation>Aktionsfilter</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>Load &amp;more</source>
        <translation>&amp;Mehr laden</translation>
    </message>
</context>
<context>
    <name>AutoSync</name>
    <message>
        <source>Automatic Stripe refresh failed: {0}</source>
        <translation>Automatische Stripe-Aktualisierung fehlgeschlagen: {0}</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>&amp;Save to:</source>
        <translation>&amp;Speichern unter:</translation>
    </message>
    <message>
        <source>Save the backup</source>
        <translation>Sicherung speichern</translation>
    </message>
    <message>
        <source>Choose where the backup goes.</source>
        <translation>Wählen Sie, wohin die Sicherung geschrieben wird.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Backup written&lt;/b&gt;: {0}&lt;br&gt;{1} in {2:.1f} s; it holds {3}.</source>
        <translation>&lt;b&gt;Sicherung geschrieben&lt;/b&gt;: {0}&lt;br&gt;{1} in {2:.1f} s; sie enthält {3}.</translation>
    </message>
</context>
<context>
    <name>CapabilitiesPage</name>
    <message>
        <source>Capability</source>
        <translation>Fähigkeit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>Benötigt</translation>
    </message>
    <message>
        <source>capability, e.g. card_payments</source>
        <translation>Fähigkeit, z. B. card_payments</translation>
    </message>
    <message>
        <source>Capability to request</source>
        <translation>Anzufordernde Fähigkeit</translation>
    </message>
    <message>
        <source>Re&amp;quest</source>
        <translation>An&amp;fordern</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>&amp;Current password:</source>
        <translation>&amp;Aktuelles Passwort:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Neues Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation>Neues Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
</context>
<context>
    <name>ConflictBanner</name>
    <message>
        <source>&amp;Load their version</source>
        <translation>Deren Version &amp;laden</translation>
    </message>
    <message>
        <source>Replace the form with what is saved now (your edits are dropped)</source>
        <translation>Formular durch den gespeicherten Stand ersetzen (Ihre Änderungen entfallen)</translation>
    </message>
    <message>
        <source>&amp;Keep my edits</source>
        <translation>Meine Änderungen &amp;behalten</translation>
    </message>
    <message>
        <source>Keep the form as it is; Save then puts your edits over theirs</source>
        <translation>Formular so lassen; Speichern setzt dann Ihre Änderungen über die anderen</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0} was changed by {1}&lt;/b&gt; at {2}, after you opened it. Your edits are still in the form.</source>
        <translation>&lt;b&gt;{0} wurde von {1} geändert&lt;/b&gt;, am {2}, nachdem Sie ihn geöffnet haben. Ihre Änderungen stehen weiter im Formular.</translation>
    </message>
    <message>
        <source>another operator</source>
        <translation>ein anderer Operator</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <source>Unexpected problem</source>
        <translation>Unerwartetes Problem</translation>
    </message>
    <message>
        <source>{0} ran into a problem it did not expect.</source>
        <translation>{0} ist auf ein unerwartetes Problem gestoßen.</translation>
    </message>
    <message>
        <source>What was saved before stays saved; the last action may not have finished. Check it, and restart the app if something looks wrong. A report (with secrets removed) was written to:
{0}
Send it to whoever supports your installation.</source>
        <translation>Was zuvor gespeichert war, bleibt gespeichert; die letzte Aktion ist womöglich nicht fertig geworden. Prüfen Sie sie und starten Sie die App neu, wenn etwas falsch aussieht. Ein Bericht (ohne Geheimnisse) wurde geschrieben nach:
{0}
Senden Sie ihn an die Stelle, die Ihre Installation betreut.</translation>
    </message>
    <message>
        <source>&amp;Open report folder</source>
        <translation>Berichtsordner ö&amp;ffnen</translation>
    </message>
</context>
<context>
    <name>DisputesPage</name>
    <message>
        <source>Evidence due</source>
        <translation>Nachweise fällig</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>DisputesView</name>
    <message>
        <source>Open disputes</source>
        <translation>Offene Rückbuchungen</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Open disputes&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Offene Rückbuchungen&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&amp;Awaiting evidence only</source>
        <translation>Nur &amp;ausstehende Nachweise</translation>
    </message>
    <message>
        <source>&amp;Refresh from Stripe</source>
        <translation>Von Stripe a&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Evidence due</source>
        <translation>Nachweise fällig</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>No open dispute awaits evidence.</source>
        <translation>Keine offene Rückbuchung wartet auf Nachweise.</translation>
    </message>
    <message>
        <source>&amp;Open tenant</source>
        <translation>Mandanten ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Asking Stripe…</source>
        <translation>Stripe wird abgefragt…</translation>
    </message>
    <message>
        <source>Reading saved disputes…</source>
        <translation>Gespeicherte Rückbuchungen werden gelesen…</translation>
    </message>
    <message>
        <source>never fetched</source>
        <translation>nie abgerufen</translation>
    </message>
    <message>
        <source>{0} open, {1} awaiting evidence</source>
        <translation>{0} offen, {1} warten auf Nachweise</translation>
    </message>
    <message>
        <source>{0} open, 1 awaiting evidence</source>
        <translation>{0} offen, 1 wartet auf Nachweise</translation>
    </message>
    <message>
        <source>, {0} past the deadline</source>
        <translation>, {0} nach Fristablauf</translation>
    </message>
    <message>
        <source>. Data from {0}</source>
        <translation>. Daten vom {0}</translation>
    </message>
    <message>
        <source> · saved data, may be stale</source>
        <translation> · gespeicherte Daten, möglicherweise veraltet</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Open disputes — {0} shown&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Offene Rückbuchungen — {0} angezeigt&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>No open disputes.</source>
        <translation>Keine offenen Rückbuchungen.</translation>
    </message>
</context>
<context>
    <name>FeesView</name>
    <message>
        <source>Platform fees</source>
        <translation>Plattformgebühren</translation>
    </message>
    <message>
        <source>all tenants (or a slug)</source>
        <translation>alle Mandanten (oder ein Kürzel)</translation>
    </message>
    <message>
        <source>Tenant slug</source>
        <translation>Kürzel des Mandanten</translation>
    </message>
    <message>
        <source>&amp;Saved data only</source>
        <translation>Nur &amp;gespeicherte Daten</translation>
    </message>
    <message>
        <source>&amp;Check fees</source>
        <translation>Gebühren &amp;prüfen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>bis:</translation>
    </message>
    <message>
        <source>Tenant:</source>
        <translation>Mandant:</translation>
    </message>
    <message>
        <source>Choose a period and press Check fees.</source>
        <translation>Wählen Sie einen Zeitraum und drücken Sie „Gebühren prüfen“.</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>All tenants</source>
        <translation>Alle Mandanten</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>Gebühren</translation>
    </message>
    <message>
        <source>Charges</source>
        <translation>Zahlungen</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>Eingenommen</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Erstattet</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Charge</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Gebühr</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>Vereinbart</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>differs</source>
        <translation>weicht ab</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>Show &amp;flagged charges only</source>
        <translation>Nur &amp;markierte Zahlungen zeigen</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>Reading saved fees…</source>
        <translation>Gespeicherte Gebühren werden gelesen…</translation>
    </message>
    <message>
        <source>Asking Stripe for fees…</source>
        <translation>Gebühren werden bei Stripe abgefragt…</translation>
    </message>
    <message>
        <source>never fetched</source>
        <translation>nie abgerufen</translation>
    </message>
    <message>
        <source>{0} fees, {1} flagged (more than one minor unit off the agreed percentage). Data from {2}</source>
        <translation>{0} Gebühren, {1} markiert (mehr als eine kleinste Währungseinheit vom vereinbarten Prozentsatz entfernt). Daten vom {2}</translation>
    </message>
    <message>
        <source> · saved data, may be stale</source>
        <translation> · gespeicherte Daten, möglicherweise veraltet</translation>
    </message>
    <message>
        <source>Export fees to CSV</source>
        <translation>Gebühren als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Exported to {0}.</source>
        <translation>Exportiert nach {0}.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Welcome to {0}</source>
        <translation>Willkommen bei {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome.&lt;/b&gt; This is the first start on this computer. Create the platform operator account: operators see and manage every tenant. Use at least 12 characters for the password.</source>
        <translation>&lt;b&gt;Willkommen.&lt;/b&gt; Dies ist der erste Start auf diesem Computer. Legen Sie das Operator-Konto der Plattform an: Operatoren sehen und verwalten alle Mandanten. Das Passwort braucht mindestens 12 Zeichen.</translation>
    </message>
    <message>
        <source>Create operator account</source>
        <translation>Operator-Konto anlegen</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Vorname:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Nachname:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>Restore from a &amp;backup…</source>
        <translation>Aus einer &amp;Sicherung wiederherstellen…</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter unterscheiden sich.</translation>
    </message>
</context>
<context>
    <name>GrantDialog</name>
    <message>
        <source>XXXX-XXXX-XXXX-XXXX</source>
        <translation>XXXX-XXXX-XXXX-XXXX</translation>
    </message>
    <message>
        <source>Granting access needs your password again.</source>
        <translation>Zugriff zu gewähren erfordert erneut Ihr Passwort.</translation>
    </message>
</context>
<context>
    <name>InboxPanel</name>
    <message>
        <source>A receiver on this computer, for trying the whole flow with no internet. Start it, use its address as the endpoint URL (with private addresses allowed, test mode), and send.</source>
        <translation>Ein Empfänger auf diesem Computer, um den ganzen Ablauf ohne Internet auszuprobieren. Starten Sie ihn, verwenden Sie seine Adresse als Endpunkt-URL (private Adressen erlaubt, Testmodus) und senden Sie.</translation>
    </message>
    <message>
        <source>S&amp;tart inbox</source>
        <translation>Eingang s&amp;tarten</translation>
    </message>
    <message>
        <source>Inbox address</source>
        <translation>Adresse des Eingangs</translation>
    </message>
    <message>
        <source>&amp;Use as endpoint URL</source>
        <translation>Als Endpunkt-URL &amp;verwenden</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>S&amp;top inbox</source>
        <translation>Eingang s&amp;toppen</translation>
    </message>
</context>
<context>
    <name>InspectKeyDialog</name>
    <message>
        <source>Inspect key</source>
        <translation>Schlüssel prüfen</translation>
    </message>
    <message>
        <source>Paste a key. It is checked on this computer only: nothing is sent anywhere.</source>
        <translation>Fügen Sie einen Schlüssel ein. Er wird nur auf diesem Computer geprüft: Nichts wird irgendwohin gesendet.</translation>
    </message>
    <message>
        <source>sk_live_… / pk_test_… / whsec_… / anything</source>
        <translation>sk_live_… / pk_test_… / whsec_… / beliebig</translation>
    </message>
    <message>
        <source>Key to inspect</source>
        <translation>Zu prüfender Schlüssel</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>&amp;Zeigen</translation>
    </message>
    <message>
        <source>Show the pasted key in plain text</source>
        <translation>Den eingefügten Schlüssel im Klartext zeigen</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>gültig</translation>
    </message>
    <message>
        <source>does not match</source>
        <translation>stimmt nicht überein</translation>
    </message>
</context>
<context>
    <name>KeysTab</name>
    <message>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the key; a secret key is cleared from the clipboard after 30 seconds</source>
        <translation>Schlüssel kopieren; ein geheimer Schlüssel wird nach 30 Sekunden aus der Zwischenablage gelöscht</translation>
    </message>
    <message>
        <source>Re&amp;veal</source>
        <translation>&amp;Aufdecken</translation>
    </message>
    <message>
        <source>Show &amp;retired keys</source>
        <translation>&amp;Ausgemusterte Schlüssel zeigen</translation>
    </message>
    <message>
        <source>Re&amp;generate…</source>
        <translation>Neu &amp;erzeugen…</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>&amp;Widerrufen…</translation>
    </message>
    <message>
        <source>API keys — {0}</source>
        <translation>API-Schlüssel — {0}</translation>
    </message>
    <message>
        <source>No tenant selected</source>
        <translation>Kein Mandant ausgewählt</translation>
    </message>
    <message>
        <source>Publishable key copied.</source>
        <translation>Öffentlicher Schlüssel kopiert.</translation>
    </message>
    <message>
        <source>Copying a live secret key needs your password again.</source>
        <translation>Einen geheimen Live-Schlüssel zu kopieren erfordert erneut Ihr Passwort.</translation>
    </message>
    <message>
        <source>Secret key copied; the clipboard is cleared in 30 seconds.</source>
        <translation>Geheimer Schlüssel kopiert; die Zwischenablage wird in 30 Sekunden geleert.</translation>
    </message>
    <message>
        <source>Revealing a live secret key needs your password again.</source>
        <translation>Einen geheimen Live-Schlüssel aufzudecken erfordert erneut Ihr Passwort.</translation>
    </message>
    <message>
        <source>Regenerating {0} keys needs your password again.</source>
        <translation>{0}-Schlüssel neu zu erzeugen erfordert erneut Ihr Passwort.</translation>
    </message>
    <message>
        <source>Revoking {0} keys needs your password again.</source>
        <translation>{0}-Schlüssel zu widerrufen erfordert erneut Ihr Passwort.</translation>
    </message>
    <message>
        <source>Revoked {0} keys.</source>
        <translation>{0} Schlüssel widerrufen.</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Open in browser</source>
        <translation>Im Browser ö&amp;ffnen</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <source>Session locked</source>
        <translation>Sitzung gesperrt</translation>
    </message>
    <message>
        <source>Signed in as &lt;b&gt;{0}&lt;/b&gt;. Enter your password to continue.</source>
        <translation>Angemeldet als &lt;b&gt;{0}&lt;/b&gt;. Geben Sie Ihr Passwort ein, um fortzufahren.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Entsperren</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>Registered {0} as {1}.</source>
        <translation>{0} als {1} registriert.</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>Passwort geändert.</translation>
    </message>
    <message>
        <source>About {0}</source>
        <translation>Über {0}</translation>
    </message>
    <message>
        <source>Administer a multi-tenant billing platform on Stripe Connect.</source>
        <translation>Verwalten Sie eine mandantenfähige Abrechnungsplattform auf Stripe Connect.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Search tenants (Ctrl+F)</source>
        <translation>Mandanten suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Search tenants</source>
        <translation>Mandanten suchen</translation>
    </message>
    <message>
        <source>Tenants</source>
        <translation>Mandanten</translation>
    </message>
    <message>
        <source>&amp;Register tenant…</source>
        <translation>Mandanten &amp;registrieren…</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>Ü&amp;bersicht</translation>
    </message>
    <message>
        <source>&amp;Stripe</source>
        <translation>&amp;Stripe</translation>
    </message>
    <message>
        <source>API &amp;Keys</source>
        <translation>API-&amp;Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Webhooks</source>
        <translation>&amp;Webhooks</translation>
    </message>
    <message>
        <source>A&amp;udit</source>
        <translation>&amp;Protokoll</translation>
    </message>
    <message>
        <source>All tenants</source>
        <translation>Alle Mandanten</translation>
    </message>
    <message>
        <source>Keyring: checking…</source>
        <translation>Schlüsselbund: wird geprüft…</translation>
    </message>
    <message>
        <source>Keyring: {0}</source>
        <translation>Schlüsselbund: {0}</translation>
    </message>
    <message>
        <source>{0}+ tenants (loading…)</source>
        <translation>{0}+ Mandanten (wird geladen…)</translation>
    </message>
    <message>
        <source>1 tenant</source>
        <translation>1 Mandant</translation>
    </message>
    <message>
        <source>{0} tenants</source>
        <translation>{0} Mandanten</translation>
    </message>
    <message>
        <source>{0} of {1} tenants</source>
        <translation>{0} von {1} Mandanten</translation>
    </message>
    <message>
        <source>No tenants yet</source>
        <translation>Noch keine Mandanten</translation>
    </message>
    <message>
        <source>Register the first tenant: its owner account and API keys are made with it.</source>
        <translation>Registrieren Sie den ersten Mandanten: Sein Eigentümerkonto und seine API-Schlüssel entstehen mit ihm.</translation>
    </message>
    <message>
        <source>There is no tenant you can see.</source>
        <translation>Es gibt keinen Mandanten, den Sie sehen dürfen.</translation>
    </message>
    <message>
        <source>No tenant matches “{0}”</source>
        <translation>Kein Mandant passt zu „{0}“</translation>
    </message>
    <message>
        <source>Search looks at company names, slugs and email addresses.</source>
        <translation>Die Suche betrachtet Firmennamen, Kürzel und E-Mail-Adressen.</translation>
    </message>
    <message>
        <source>&amp;Clear search</source>
        <translation>Suche &amp;leeren</translation>
    </message>
</context>
<context>
    <name>ModeBanner</name>
    <message>
        <source>&lt;b&gt;LIVE MODE&lt;/b&gt; — {0}: changes affect real customers and real money.</source>
        <translation>&lt;b&gt;LIVE-MODUS&lt;/b&gt; — {0}: Änderungen betreffen echte Kunden und echtes Geld.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Test mode&lt;/b&gt; — {0}: test data only, nothing is charged.</source>
        <translation>&lt;b&gt;Testmodus&lt;/b&gt; — {0}: nur Testdaten, nichts wird berechnet.</translation>
    </message>
    <message>
        <source>Mode: {0}</source>
        <translation>Modus: {0}</translation>
    </message>
</context>
<context>
    <name>MoneyPage</name>
    <message>
        <source>Payouts:</source>
        <translation>Auszahlungen:</translation>
    </message>
    <message>
        <source>Payout status</source>
        <translation>Auszahlungsstatus</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Ausgezahlt</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>Unterwegs</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>&lt;b&gt;Available:&lt;/b&gt; {0} &amp;nbsp; &lt;b&gt;Pending:&lt;/b&gt; {1}</source>
        <translation>&lt;b&gt;Verfügbar:&lt;/b&gt; {0} &amp;nbsp; &lt;b&gt;Ausstehend:&lt;/b&gt; {1}</translation>
    </message>
</context>
<context>
    <name>NewKeysDialog</name>
    <message>
        <source>New keys — {0}</source>
        <translation>Neue Schlüssel — {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Store the new secret keys now.&lt;/b&gt; They are shown only this once; later they can be revealed only with your password. A copied secret is cleared from the clipboard after 30 seconds.</source>
        <translation>&lt;b&gt;Speichern Sie die neuen geheimen Schlüssel jetzt.&lt;/b&gt; Sie werden nur dieses eine Mal angezeigt; später lassen sie sich nur mit Ihrem Passwort aufdecken. Ein kopiertes Geheimnis wird nach 30 Sekunden aus der Zwischenablage gelöscht.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
</context>
<context>
    <name>OpenBackupDialog</name>
    <message>
        <source>&amp;Backup file:</source>
        <translation>&amp;Sicherungsdatei:</translation>
    </message>
    <message>
        <source>Recovery &amp;key:</source>
        <translation>Wiederherstellungs&amp;schlüssel:</translation>
    </message>
    <message>
        <source>Nine groups of four; case, spaces and dashes do not matter, a typo is caught.</source>
        <translation>Neun Vierergruppen; Groß-/Kleinschreibung, Leerzeichen und Bindestriche spielen keine Rolle, Tippfehler werden erkannt.</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Sicherung wählen</translation>
    </message>
    <message>
        <source>Choose the backup file.</source>
        <translation>Wählen Sie die Sicherungsdatei.</translation>
    </message>
    <message>
        <source>There is no file here.</source>
        <translation>Hier gibt es keine Datei.</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <source>&lt;br&gt;The previous data is kept at {0}.</source>
        <translation>&lt;br&gt;Die bisherigen Daten bleiben unter {0} erhalten.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Restored&lt;/b&gt; {0}; {1} open. This computer now holds an operator key for {2} ({3}). Self-check: {4}.</source>
        <translation>&lt;b&gt;Wiederhergestellt&lt;/b&gt;: {0}; {1} lassen sich öffnen. Dieser Computer hat jetzt einen Operator-Schlüssel für {2} ({3}). Selbsttest: {4}.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The backup is whole&lt;/b&gt; (opened with the {0}): made {1} by {2}; {3}; every secret opens.</source>
        <translation>&lt;b&gt;Die Sicherung ist vollständig&lt;/b&gt; (geöffnet mit: {0}): erstellt am {1} von {2}; {3}; jedes Geheimnis lässt sich öffnen.</translation>
    </message>
</context>
<context>
    <name>OperatorsDialog</name>
    <message>
        <source>Operators</source>
        <translation>Operatoren</translation>
    </message>
    <message>
        <source>Every operator&apos;s OS keyring holds their own key; the team&apos;s secrets are sealed in the database to each granted key. Grant only after comparing the fingerprint with the operator.</source>
        <translation>Der Schlüsselbund jedes Operators hält dessen eigenen Schlüssel; die Geheimnisse des Teams sind in der Datenbank für jeden berechtigten Schlüssel versiegelt. Gewähren Sie Zugriff erst, nachdem Sie den Fingerabdruck mit dem Operator verglichen haben.</translation>
    </message>
    <message>
        <source>&amp;Add operator…</source>
        <translation>Operator &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Revoke this &amp;key…</source>
        <translation>Diesen &amp;Schlüssel widerrufen…</translation>
    </message>
    <message>
        <source>Revoke only the selected key: one machine, e.g. a lost laptop. The operator keeps their others.</source>
        <translation>Nur den gewählten Schlüssel widerrufen: ein Rechner, z. B. ein verlorener Laptop. Die anderen Schlüssel des Operators bleiben gültig.</translation>
    </message>
    <message>
        <source> (this account)</source>
        <translation> (dieses Konto)</translation>
    </message>
    <message>
        <source>revoked by {0} {1}</source>
        <translation>entzogen von {0} {1}</translation>
    </message>
    <message>
        <source>Added operator {0}.</source>
        <translation>Operator {0} hinzugefügt.</translation>
    </message>
    <message>
        <source>Granted {0} (key {1}).</source>
        <translation>Zugriff für {0} gewährt (Schlüssel {1}).</translation>
    </message>
    <message>
        <source>Revoke {0}&apos;s access to the team&apos;s secrets?

A new vault key is made and every secret is re-encrypted under it, sealed to the remaining operators only: {0} cannot open any secret from now on. Secrets they have already seen stay known to them — roll those keys and webhook secrets if you do not trust them.</source>
        <translation>{0} den Zugriff auf die Geheimnisse des Teams entziehen?

Ein neuer Tresorschlüssel wird erzeugt und jedes Geheimnis damit neu verschlüsselt, versiegelt nur für die verbleibenden Operatoren: {0} kann ab sofort kein Geheimnis mehr öffnen. Bereits gesehene Geheimnisse bleiben bekannt — wechseln Sie diese Schlüssel und Webhook-Geheimnisse, wenn Sie der Person nicht vertrauen.</translation>
    </message>
    <message>
        <source>Revoke this key</source>
        <translation>Diesen Schlüssel widerrufen</translation>
    </message>
    <message>
        <source>Revoked {0}; {1:,} secrets re-encrypted under a new vault key.</source>
        <translation>Zugriff für {0} entzogen; {1:,} Geheimnisse unter einem neuen Tresorschlüssel neu verschlüsselt.</translation>
    </message>
    <message>
        <source>Revoking access needs your password again.</source>
        <translation>Zugriff zu entziehen erfordert erneut Ihr Passwort.</translation>
    </message>
    <message>
        <source>&amp;Grant access…</source>
        <translation>Zugriff &amp;gewähren…</translation>
    </message>
    <message>
        <source>Re&amp;voke access…</source>
        <translation>Zugriff &amp;entziehen…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Cancel re-key</source>
        <translation>Neuverschlüsselung a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Revoke access</source>
        <translation>Zugriff entziehen</translation>
    </message>
    <message>
        <source>Revoke the key {0} of {1} (joined {2})?

The machine holding this key can no longer open any secret: a new vault key is made and every secret is re-encrypted under it. {1}&apos;s other keys keep working. Roll the secrets that machine may have exposed.</source>
        <translation>Den Schlüssel {0} von {1} (beigetreten {2}) entziehen?

Der Rechner mit diesem Schlüssel kann kein Geheimnis mehr öffnen: Ein neuer Tresorschlüssel wird erzeugt und jedes Geheimnis damit neu verschlüsselt. Die übrigen Schlüssel von {1} gelten weiter. Wechseln Sie die Geheimnisse, die dieser Rechner preisgegeben haben könnte.</translation>
    </message>
    <message>
        <source>{0}&apos;s key {1}</source>
        <translation>dem Schlüssel {1} von {0}</translation>
    </message>
    <message>
        <source>Re-keying every secret to revoke {0}…</source>
        <translation>Alle Geheimnisse werden neu verschlüsselt, um {0} den Zugriff zu entziehen…</translation>
    </message>
    <message>
        <source>Re-keying: {0:,} of {1:,} secrets…</source>
        <translation>Neuverschlüsselung: {0:,} von {1:,} Geheimnissen…</translation>
    </message>
    <message>
        <source>Cancelling: nothing changes until the re-key commits…</source>
        <translation>Wird abgebrochen: Nichts ändert sich, bevor die Neuverschlüsselung festgeschrieben ist…</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>No tenant selected</source>
        <translation>Kein Mandant ausgewählt</translation>
    </message>
    <message>
        <source>&amp;Company name:</source>
        <translation>&amp;Firmenname:</translation>
    </message>
    <message>
        <source>Slug:</source>
        <translation>Kürzel:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation>&amp;Domain:</translation>
    </message>
    <message>
        <source>&amp;Tier:</source>
        <translation>&amp;Tarif:</translation>
    </message>
    <message>
        <source>Platform &amp;fee %:</source>
        <translation>Plattform&amp;gebühr %:</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>&amp;Modus:</translation>
    </message>
    <message>
        <source>&amp;Branding (JSON):</source>
        <translation>&amp;Branding (JSON):</translation>
    </message>
    <message>
        <source>Me&amp;tadata (JSON):</source>
        <translation>Me&amp;tadaten (JSON):</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Created / updated:</source>
        <translation>Angelegt / geändert:</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>Änderungen &amp;speichern</translation>
    </message>
    <message>
        <source>Save changes (Ctrl+S)</source>
        <translation>Änderungen speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Deactivate tenant…</source>
        <translation>Mandanten deaktivieren…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Users&lt;/b&gt;</source>
        <translation>&lt;b&gt;Benutzer&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Users of this tenant</source>
        <translation>Benutzer dieses Mandanten</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Letzte Anmeldung</translation>
    </message>
    <message>
        <source>&amp;Add user…</source>
        <translation>Benutzer &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Set by the platform&apos;s operators.</source>
        <translation>Von den Betreibern der Plattform festgelegt.</translation>
    </message>
    <message>
        <source>Reactivate tenant</source>
        <translation>Mandanten reaktivieren</translation>
    </message>
    <message>
        <source>the Overview of {0}</source>
        <translation>die Übersicht von {0}</translation>
    </message>
    <message>
        <source>Switch to live mode</source>
        <translation>In den Live-Modus wechseln</translation>
    </message>
    <message>
        <source>Switch {0} ({1}) to LIVE mode?

Its live API keys, Stripe account and webhooks then act on real customers and real money. You are asked for your password unless you gave it in the last few minutes.</source>
        <translation>{0} ({1}) in den LIVE-Modus umstellen?

Seine Live-API-Schlüssel, sein Stripe-Konto und seine Webhooks wirken dann auf echte Kunden und echtes Geld. Sie werden nach Ihrem Passwort gefragt, sofern Sie es nicht in den letzten Minuten eingegeben haben.</translation>
    </message>
    <message>
        <source>Switch to live</source>
        <translation>Auf live umstellen</translation>
    </message>
    <message>
        <source>Switching a tenant to live mode needs your password again.</source>
        <translation>Einen Mandanten auf live umzustellen erfordert erneut Ihr Passwort.</translation>
    </message>
    <message>
        <source>Your edits are kept. Save changes puts them over the other operator&apos;s version.</source>
        <translation>Ihre Änderungen bleiben erhalten. „Änderungen speichern“ setzt sie über die Version des anderen Operators.</translation>
    </message>
    <message>
        <source>Not saved: {0} saved this tenant after you opened it. Load their version, or keep your edits and save again.</source>
        <translation>Nicht gespeichert: {0} hat diesen Mandanten gespeichert, nachdem Sie ihn geöffnet haben. Laden Sie dessen Version, oder behalten Sie Ihre Änderungen und speichern Sie erneut.</translation>
    </message>
    <message>
        <source>another operator</source>
        <translation>ein anderer Operator</translation>
    </message>
    <message>
        <source>Deactivate tenant</source>
        <translation>Mandanten deaktivieren</translation>
    </message>
    <message>
        <source>Deactivate {0} ({1})?

Its users can no longer sign in. A platform operator can reactivate it.</source>
        <translation>{0} ({1}) deaktivieren?

Seine Benutzer können sich nicht mehr anmelden. Ein Plattform-Operator kann ihn reaktivieren.</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Deactivating {0} needs your password again.</source>
        <translation>{0} zu deaktivieren erfordert erneut Ihr Passwort.</translation>
    </message>
</context>
<context>
    <name>PasswordPrompt</name>
    <message>
        <source>Session locked</source>
        <translation>Sitzung gesperrt</translation>
    </message>
    <message>
        <source>Confirm your password</source>
        <translation>Passwort bestätigen</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Signed in as:</source>
        <translation>Angemeldet als:</translation>
    </message>
</context>
<context>
    <name>PlatformStripeDialog</name>
    <message>
        <source>Connect &amp;client ID:</source>
        <translation>Connect-&amp;Client-ID:</translation>
    </message>
    <message>
        <source>ca_…</source>
        <translation>ca_…</translation>
    </message>
    <message>
        <source>&amp;Secret key:</source>
        <translation>&amp;Geheimer Schlüssel:</translation>
    </message>
    <message>
        <source>Connect &amp;webhook secret:</source>
        <translation>Connect-&amp;Webhook-Geheimnis:</translation>
    </message>
    <message>
        <source>stored: {0} — leave empty to keep</source>
        <translation>gespeichert: {0} — leer lassen, um es zu behalten</translation>
    </message>
    <message>
        <source>whsec_… of the Connect endpoint: Stripe events are checked against it</source>
        <translation>whsec_… des Connect-Endpunkts: Stripe-Ereignisse werden damit geprüft</translation>
    </message>
    <message>
        <source>OAuth listener &amp;port:</source>
        <translation>&amp;Port des OAuth-Empfängers:</translation>
    </message>
    <message>
        <source>HTTPS &amp;relay URL (live):</source>
        <translation>HTTPS-&amp;Relay-URL (live):</translation>
    </message>
    <message>
        <source>optional: https://your-site.example/stripe-relay.html</source>
        <translation>optional: https://your-site.example/stripe-relay.html</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>The language applies to this computer; the idle lock and the Stripe refresh to everyone using this installation.</source>
        <translation>Die Sprache gilt für diesen Computer, die Leerlaufsperre und die Stripe-Aktualisierung für alle, die diese Installation nutzen.</translation>
    </message>
    <message>
        <source>The language applies to this computer.</source>
        <translation>Die Sprache gilt für diesen Computer.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Applies at once: the window is rebuilt in the new language (after asking about unsaved edits).</source>
        <translation>Gilt sofort: das Fenster wird in der neuen Sprache neu aufgebaut (nach Rückfrage zu ungespeicherten Änderungen).</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>&amp;Lock after idle (minutes):</source>
        <translation>Sperren nach &amp;Leerlauf (Minuten):</translation>
    </message>
    <message>
        <source>&amp;Refresh all Stripe accounts every:</source>
        <translation>Alle Stripe-Konten &amp;aktualisieren alle:</translation>
    </message>
    <message>
        <source>Off by default. Runs in the background while this window is open and unlocked; one Stripe request per 100 accounts.</source>
        <translation>Standardmäßig aus. Läuft im Hintergrund, solange dieses Fenster offen und entsperrt ist; eine Stripe-Anfrage je 100 Konten.</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>a folder of your choice: a synced one is fine, backups are encrypted</source>
        <translation>ein Ordner Ihrer Wahl: auch ein synchronisierter, Sicherungen sind verschlüsselt</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>Durch&amp;suchen…</translation>
    </message>
    <message>
        <source>&amp;Back up to folder:</source>
        <translation>&amp;Sichern in Ordner:</translation>
    </message>
    <message>
        <source>Back up &amp;every (hours):</source>
        <translation>Sichern &amp;alle (Stunden):</translation>
    </message>
    <message>
        <source>0: no scheduled backups</source>
        <translation>0: keine geplanten Sicherungen</translation>
    </message>
    <message>
        <source>&amp;Keep the last:</source>
        <translation>Die letzten &amp;behalten:</translation>
    </message>
    <message>
        <source>older scheduled backups are deleted</source>
        <translation>ältere geplante Sicherungen werden gelöscht</translation>
    </message>
    <message>
        <source> backups</source>
        <translation> Sicherungen</translation>
    </message>
    <message>
        <source>Folder for scheduled backups</source>
        <translation>Ordner für geplante Sicherungen</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rolle:</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Vorname:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Nachname:</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation>Wiederherstellungsschlüssel</translation>
    </message>
    <message>
        <source>The recovery key opens your backups on a new machine, and every secret in them. Keep it away from this computer: on paper, or in a password manager that is not on this laptop.</source>
        <translation>Der Wiederherstellungsschlüssel öffnet Ihre Sicherungen auf einem neuen Rechner und damit jedes Geheimnis darin. Bewahren Sie ihn getrennt von diesem Computer auf: auf Papier oder in einem Passwortmanager, der nicht auf diesem Laptop liegt.</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Wird gelesen…</translation>
    </message>
    <message>
        <source>&amp;Create recovery key…</source>
        <translation>Wiederherstellungsschlüssel &amp;erstellen…</translation>
    </message>
    <message>
        <source>&amp;Rotate…</source>
        <translation>&amp;Erneuern…</translation>
    </message>
    <message>
        <source>&lt;b&gt;There is no recovery key.&lt;/b&gt; If this computer is lost or broken, its secrets cannot be restored anywhere else. Create one now.</source>
        <translation>&lt;b&gt;Es gibt keinen Wiederherstellungsschlüssel.&lt;/b&gt; Geht dieser Computer verloren oder kaputt, lassen sich seine Geheimnisse nirgendwo sonst wiederherstellen. Erstellen Sie jetzt einen.</translation>
    </message>
    <message>
        <source>confirmed stored {0}</source>
        <translation>Aufbewahrung bestätigt am {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;not confirmed stored&lt;/b&gt;: rotate it if you did not keep it</source>
        <translation>&lt;b&gt;Aufbewahrung nicht bestätigt&lt;/b&gt;: erneuern Sie ihn, falls Sie ihn nicht aufbewahrt haben</translation>
    </message>
    <message>
        <source>&lt;b&gt;not confirmed stored&lt;/b&gt; by {0}, who was shown it: ask them before rotating it (a new key replaces the one they may have kept)</source>
        <translation>&lt;b&gt;Aufbewahrung nicht bestätigt&lt;/b&gt; von {0}, dem er angezeigt wurde: fragen Sie diese Person, bevor Sie ihn erneuern (ein neuer Schlüssel ersetzt den, der vielleicht schon aufbewahrt wird)</translation>
    </message>
    <message>
        <source>Recovery key &lt;tt&gt;{0}&lt;/tt&gt;, created {1} by {2}; {3}.</source>
        <translation>Wiederherstellungsschlüssel &lt;tt&gt;{0}&lt;/tt&gt;, erstellt am {1} von {2}; {3}.</translation>
    </message>
    <message>
        <source>Rotate the recovery key?</source>
        <translation>Wiederherstellungsschlüssel erneuern?</translation>
    </message>
    <message>
        <source>A new recovery key replaces the current one: from now on the old key opens nothing in this database and no new backup. Backups made before keep opening with the old key, so delete them once a new backup exists.</source>
        <translation>Ein neuer Wiederherstellungsschlüssel ersetzt den aktuellen: Ab jetzt öffnet der alte Schlüssel nichts mehr in dieser Datenbank und keine neue Sicherung. Frühere Sicherungen lassen sich weiterhin mit dem alten Schlüssel öffnen; löschen Sie sie daher, sobald es eine neue Sicherung gibt.</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>Erneuern</translation>
    </message>
    <message>
        <source>Rotating the recovery key needs your password again.</source>
        <translation>Den Wiederherstellungsschlüssel zu erneuern erfordert erneut Ihr Passwort.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your recovery key.&lt;/b&gt; It is shown this once. Write it down, or save the page and print it; keep it safe.</source>
        <translation>&lt;b&gt;Ihr Wiederherstellungsschlüssel.&lt;/b&gt; Er wird nur dieses eine Mal angezeigt. Schreiben Sie ihn auf oder speichern Sie die Seite und drucken Sie sie aus; bewahren Sie ihn sicher auf.</translation>
    </message>
    <message>
        <source>Save as P&amp;DF to print…</source>
        <translation>Als P&amp;DF zum Drucken speichern…</translation>
    </message>
    <message>
        <source>&amp;Save as text…</source>
        <translation>Als &amp;Text speichern…</translation>
    </message>
    <message>
        <source>I have &amp;printed or saved it somewhere safe, away from this computer</source>
        <translation>Ich habe ihn &amp;gedruckt oder sicher abgelegt, fern von diesem Computer</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Fertig</translation>
    </message>
    <message>
        <source>Fingerprint {0} · created {1} UTC</source>
        <translation>Fingerabdruck {0} · erstellt am {1} UTC</translation>
    </message>
    <message>
        <source>Save the recovery page as PDF (to print)</source>
        <translation>Wiederherstellungsseite als PDF speichern (zum Drucken)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save {0}: {1}.</source>
        <translation>{0} konnte nicht gespeichert werden: {1}.</translation>
    </message>
    <message>
        <source>Billing Desktop recovery key</source>
        <translation>Wiederherstellungsschlüssel für Billing Desktop</translation>
    </message>
    <message>
        <source>Save the recovery page</source>
        <translation>Wiederherstellungsseite speichern</translation>
    </message>
</context>
<context>
    <name>RegenerateDialog</name>
    <message>
        <source>Regenerate keys — {0}</source>
        <translation>Schlüssel neu erzeugen — {0}</translation>
    </message>
    <message>
        <source>Old keys keep &amp;working:</source>
        <translation>Alte Schlüssel gelten &amp;weiter:</translation>
    </message>
    <message>
        <source>at once</source>
        <translation>sofort</translation>
    </message>
    <message>
        <source>after {0}</source>
        <translation>nach {0}</translation>
    </message>
    <message>
        <source>New {0} keys are made for &lt;b&gt;{1}&lt;/b&gt;. Integrations using the current {0} keys stop working &lt;b&gt;{2}&lt;/b&gt;. The new secret keys are shown once.</source>
        <translation>Für &lt;b&gt;{1}&lt;/b&gt; werden neue {0}-Schlüssel erzeugt. Integrationen mit den aktuellen {0}-Schlüsseln funktionieren &lt;b&gt;{2}&lt;/b&gt; nicht mehr. Die neuen geheimen Schlüssel werden einmal angezeigt.</translation>
    </message>
</context>
<context>
    <name>RegisterTenantDialog</name>
    <message>
        <source>&amp;Company name:</source>
        <translation>&amp;Firmenname:</translation>
    </message>
    <message>
        <source>S&amp;lug:</source>
        <translation>&amp;Kürzel:</translation>
    </message>
    <message>
        <source>Made from the name (a number is added if it is taken); edit it to choose your own.</source>
        <translation>Aus dem Namen gebildet (ist er vergeben, wird eine Zahl angehängt); bearbeiten Sie ihn, um einen eigenen zu wählen.</translation>
    </message>
    <message>
        <source>Owner &amp;email:</source>
        <translation>&amp;E-Mail des Eigentümers:</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Vorname:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Nachname:</translation>
    </message>
    <message>
        <source>Owner &amp;password:</source>
        <translation>&amp;Passwort des Eigentümers:</translation>
    </message>
    <message>
        <source>at least 12 characters</source>
        <translation>mindestens 12 Zeichen</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation>&amp;Domain:</translation>
    </message>
    <message>
        <source>example.com</source>
        <translation>example.com</translation>
    </message>
    <message>
        <source>&amp;Tier:</source>
        <translation>&amp;Tarif:</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>&amp;Modus:</translation>
    </message>
    <message>
        <source>Platform &amp;fee %:</source>
        <translation>Plattform&amp;gebühr %:</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
</context>
<context>
    <name>RequirementsPage</name>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Future: </source>
        <translation>Künftig: </translation>
    </message>
    <message>
        <source>What Stripe needs</source>
        <translation>Was Stripe braucht</translation>
    </message>
    <message>
        <source>Stripe&apos;s reason</source>
        <translation>Begründung von Stripe</translation>
    </message>
    <message>
        <source>Send &amp;fix-up link…</source>
        <translation>&amp;Nachbesserungs-Link senden…</translation>
    </message>
    <message>
        <source>An Account Link where the account holder supplies everything due</source>
        <translation>Ein Account Link, über den der Kontoinhaber alles Fällige nachreicht</translation>
    </message>
    <message>
        <source>E&amp;xpress dashboard…</source>
        <translation>E&amp;xpress-Dashboard…</translation>
    </message>
    <message>
        <source>Deadline: {0} ({1})</source>
        <translation>Frist: {0} ({1})</translation>
    </message>
    <message>
        <source>No deadline set.</source>
        <translation>Keine Frist gesetzt.</translation>
    </message>
    <message>
        <source>Nothing is due.</source>
        <translation>Nichts ist fällig.</translation>
    </message>
    <message>
        <source>Disabled: {0}</source>
        <translation>Deaktiviert: {0}</translation>
    </message>
    <message>
        <source>Fix-up link</source>
        <translation>Nachbesserungs-Link</translation>
    </message>
    <message>
        <source>Send this link to the account holder: Stripe asks them for everything due now and later.</source>
        <translation>Senden Sie diesen Link an den Kontoinhaber: Stripe fragt dort alles ab, was jetzt und später fällig ist.</translation>
    </message>
    <message>
        <source>Express dashboard</source>
        <translation>Express-Dashboard</translation>
    </message>
    <message>
        <source>A login link to this account&apos;s Express dashboard.</source>
        <translation>Ein Anmeldelink zum Express-Dashboard dieses Kontos.</translation>
    </message>
</context>
<context>
    <name>RevealedSecret</name>
    <message>
        <source>Revealed secret</source>
        <translation>Aufgedecktes Geheimnis</translation>
    </message>
    <message>
        <source>&amp;Hide</source>
        <translation>&amp;Verbergen</translation>
    </message>
    <message>
        <source>hides in {0} s</source>
        <translation>verschwindet in {0} s</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <source>Revoke keys — {0}</source>
        <translation>Schlüssel widerrufen — {0}</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>e.g. leaked in a public repository</source>
        <translation>z. B. in einem öffentlichen Repository gelandet</translation>
    </message>
    <message>
        <source>The {0} keys of &lt;b&gt;{1}&lt;/b&gt; stop working at once and cannot be restored; regenerate to issue new ones. The reason is kept with the keys and in the audit log.</source>
        <translation>Die {0}-Schlüssel von &lt;b&gt;{1}&lt;/b&gt; gelten sofort nicht mehr und lassen sich nicht wiederherstellen; erzeugen Sie stattdessen neue. Der Grund wird bei den Schlüsseln und im Prüfprotokoll festgehalten.</translation>
    </message>
    <message>
        <source>Give a reason: it is kept with the keys and in the audit log.</source>
        <translation>Geben Sie einen Grund an: Er wird bei den Schlüsseln und im Prüfprotokoll festgehalten.</translation>
    </message>
</context>
<context>
    <name>RollSecretDialog</name>
    <message>
        <source>Roll signing secret — {0}</source>
        <translation>Signaturgeheimnis wechseln — {0}</translation>
    </message>
    <message>
        <source>24 hours (recommended)</source>
        <translation>24 Stunden (empfohlen)</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>None — the current secret stops verifying at once</source>
        <translation>Keine — das bisherige Geheimnis verifiziert sofort nicht mehr</translation>
    </message>
    <message>
        <source>Old secret keeps &amp;working:</source>
        <translation>Altes Geheimnis gilt &amp;weiter:</translation>
    </message>
    <message>
        <source>Roll secret</source>
        <translation>Geheimnis wechseln</translation>
    </message>
    <message>
        <source>&lt;b&gt;LIVE&lt;/b&gt; </source>
        <translation>&lt;b&gt;LIVE&lt;/b&gt; </translation>
    </message>
    <message>
        <source>A new signing secret is made for {0}. The current one stops verifying &lt;b&gt;at once&lt;/b&gt;: the {1}receiver rejects every delivery until it has the new secret.</source>
        <translation>Für {0} wird ein neues Signaturgeheimnis erzeugt. Das bisherige verifiziert &lt;b&gt;sofort&lt;/b&gt; nicht mehr: Der {1}Empfänger lehnt jede Zustellung ab, bis er das neue Geheimnis hat.</translation>
    </message>
    <message>
        <source>A new signing secret is made for {0}. Deliveries are signed with both secrets for &lt;b&gt;{1}&lt;/b&gt;; update the {2}receiver within that time, or it starts rejecting deliveries.</source>
        <translation>Für {0} wird ein neues Signaturgeheimnis erzeugt. Zustellungen werden &lt;b&gt;{1}&lt;/b&gt; lang mit beiden Geheimnissen signiert; aktualisieren Sie den {2}Empfänger in dieser Zeit, sonst lehnt er Zustellungen ab.</translation>
    </message>
    <message>
        <source>The secret {0}, still valid from the previous roll until {1} UTC, stops verifying &lt;b&gt;at once&lt;/b&gt;: at most two secrets are ever valid.</source>
        <translation>Das Geheimnis {0}, das aus dem vorigen Wechsel noch bis {1} UTC gilt, wird &lt;b&gt;sofort&lt;/b&gt; ungültig: höchstens zwei Geheimnisse gelten gleichzeitig.</translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <source>Scan for leaked keys</source>
        <translation>Nach durchgesickerten Schlüsseln suchen</translation>
    </message>
    <message>
        <source>Folder to scan</source>
        <translation>Zu durchsuchender Ordner</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Scan</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Cancel scan</source>
        <translation>Suche a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Skips binary files and .git folders.</source>
        <translation>Überspringt Binärdateien und .git-Ordner.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>What / status</source>
        <translation>Was / Status</translation>
    </message>
    <message>
        <source>Line / byte</source>
        <translation>Zeile / Byte</translation>
    </message>
    <message>
        <source>Choose a folder first.</source>
        <translation>Wählen Sie zuerst einen Ordner.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>SecretsPanel</name>
    <message>
        <source>&lt;b&gt;Signing secrets&lt;/b&gt;</source>
        <translation>&lt;b&gt;Signaturgeheimnisse&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Re&amp;veal</source>
        <translation>&amp;Aufdecken</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>R&amp;oll secret…</source>
        <translation>Geheimnis &amp;wechseln…</translation>
    </message>
    <message>
        <source>{0}   current</source>
        <translation>{0}   aktuell</translation>
    </message>
    <message>
        <source>{0}   valid until {1}</source>
        <translation>{0}   gültig bis {1}</translation>
    </message>
    <message>
        <source>1 valid secret: deliveries are signed with it alone.</source>
        <translation>1 gültiges Geheimnis: Zustellungen werden nur damit signiert.</translation>
    </message>
    <message>
        <source>{0} valid secrets until {1}: deliveries are signed with each, then with the current one alone.</source>
        <translation>{0} gültige Geheimnisse bis {1}: Zustellungen werden mit jedem signiert, danach nur mit dem aktuellen.</translation>
    </message>
    <message>
        <source>Revealing a live signing secret needs your password again.</source>
        <translation>Ein Live-Signaturgeheimnis aufzudecken erfordert erneut Ihr Passwort.</translation>
    </message>
    <message>
        <source>Signing secret copied; the clipboard is cleared in 30 seconds.</source>
        <translation>Signaturgeheimnis kopiert; die Zwischenablage wird in 30 Sekunden geleert.</translation>
    </message>
    <message>
        <source>Copying a live signing secret needs your password again.</source>
        <translation>Ein Live-Signaturgeheimnis zu kopieren erfordert erneut Ihr Passwort.</translation>
    </message>
    <message>
        <source>Rolling a signing secret needs your password again.</source>
        <translation>Ein Signaturgeheimnis zu wechseln erfordert erneut Ihr Passwort.</translation>
    </message>
</context>
<context>
    <name>SessionEnd</name>
    <message>
        <source>Unsaved changes to {0} are kept: unlock to save them.</source>
        <translation>Ungespeicherte Änderungen an {0} bleiben erhalten: Entsperren Sie, um sie zu speichern.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
</context>
<context>
    <name>SignInWindow</name>
    <message>
        <source>Sign in — {0}</source>
        <translation>Anmelden — {0}</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>Datenbank wird geöffnet…</translation>
    </message>
    <message>
        <source>Version {0}</source>
        <translation>Version {0}</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Bereit.</translation>
    </message>
    <message>
        <source>The database could not be opened.</source>
        <translation>Die Datenbank konnte nicht geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>StripeOpsPanel</name>
    <message>
        <source>Re&amp;quirements</source>
        <translation>&amp;Anforderungen</translation>
    </message>
    <message>
        <source>Ca&amp;pabilities</source>
        <translation>&amp;Fähigkeiten</translation>
    </message>
    <message>
        <source>&amp;Balance &amp;&amp; payouts</source>
        <translation>&amp;Saldo &amp;&amp; Auszahlungen</translation>
    </message>
    <message>
        <source>D&amp;isputes</source>
        <translation>&amp;Rückbuchungen</translation>
    </message>
</context>
<context>
    <name>StripeTab</name>
    <message>
        <source>&amp;Connect Stripe account…</source>
        <translation>Stripe-Konto &amp;verbinden…</translation>
    </message>
    <message>
        <source>Express</source>
        <translation>Express</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>New account type</source>
        <translation>Art des neuen Kontos</translation>
    </message>
    <message>
        <source>&amp;Onboard new account</source>
        <translation>Neues Konto &amp;anlegen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Disconnect…</source>
        <translation>&amp;Trennen…</translation>
    </message>
    <message>
        <source>Stripe — {0}</source>
        <translation>Stripe — {0}</translation>
    </message>
    <message>
        <source>No tenant selected</source>
        <translation>Kein Mandant ausgewählt</translation>
    </message>
    <message>
        <source>Stripe is not set up for the platform yet: enter the Connect client ID and the platform&apos;s secret key before connecting tenants.</source>
        <translation>Stripe ist für die Plattform noch nicht eingerichtet: Geben Sie die Connect-Client-ID und den geheimen Schlüssel der Plattform ein, bevor Sie Mandanten verbinden.</translation>
    </message>
    <message>
        <source>Platform &amp;Stripe settings…</source>
        <translation>&amp;Stripe-Einstellungen…</translation>
    </message>
    <message>
        <source> · stale</source>
        <translation> · veraltet</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Restricted</source>
        <translation>Eingeschränkt</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <source>No Stripe account is connected to {0}. Connect the account it already has, or onboard a new one.</source>
        <translation>Mit {0} ist kein Stripe-Konto verbunden. Verbinden Sie das vorhandene Konto oder legen Sie ein neues an.</translation>
    </message>
    <message>
        <source>No Stripe account is connected yet; an owner or a platform operator can connect one.</source>
        <translation>Noch ist kein Stripe-Konto verbunden; ein Eigentümer oder ein Plattform-Operator kann eines verbinden.</translation>
    </message>
    <message>
        <source>Stripe account connected.</source>
        <translation>Stripe-Konto verbunden.</translation>
    </message>
    <message>
        <source>Disconnecting Stripe needs your password again.</source>
        <translation>Stripe zu trennen erfordert erneut Ihr Passwort.</translation>
    </message>
    <message>
        <source>Disconnect Stripe</source>
        <translation>Stripe trennen</translation>
    </message>
    <message>
        <source>Disconnect {0} from {1}?

The platform loses access to the account and its tokens are deleted. The tenant can connect again later.</source>
        <translation>{0} von {1} trennen?

Die Plattform verliert den Zugriff auf das Konto, seine Tokens werden gelöscht. Der Mandant kann später wieder verbinden.</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>Refresh all Stripe accounts</source>
        <translation>Alle Stripe-Konten aktualisieren</translation>
    </message>
    <message>
        <source>Asking Stripe for the list of connected accounts…</source>
        <translation>Stripe wird nach der Liste der verbundenen Konten gefragt…</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Fortschritt des Abgleichs</translation>
    </message>
    <message>
        <source>Cancelling… (what was fetched is kept)</source>
        <translation>Wird abgebrochen… (bereits Geholtes bleibt erhalten)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Failed payouts were not checked.</source>
        <translation>Fehlgeschlagene Auszahlungen wurden nicht geprüft.</translation>
    </message>
    <message>
        <source>Not every account was refreshed: the rest shows its saved data, marked stale.</source>
        <translation>Nicht jedes Konto wurde aktualisiert: Die übrigen zeigen ihre gespeicherten Daten, als veraltet markiert.</translation>
    </message>
    <message>
        <source>The sync did not run.</source>
        <translation>Der Abgleich lief nicht.</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>TeamDatabaseDialog</name>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>db.example.com</source>
        <translation>db.example.com</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;TLS mode:</source>
        <translation>&amp;TLS-Modus:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>stored in the keyring — leave empty to keep</source>
        <translation>im Schlüsselbund gespeichert — leer lassen, um es zu behalten</translation>
    </message>
    <message>
        <source>T&amp;est connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Use &amp;local database</source>
        <translation>&amp;Lokale Datenbank verwenden</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>✔ {0} · TLS: {1} · round trip {2}</source>
        <translation>✔ {0} · TLS: {1} · Antwortzeit {2}</translation>
    </message>
</context>
<context>
    <name>TestPanel</name>
    <message>
        <source>Event type</source>
        <translation>Ereignistyp</translation>
    </message>
    <message>
        <source>Se&amp;nd test delivery</source>
        <translation>Test&amp;zustellung senden</translation>
    </message>
    <message>
        <source>Event type:</source>
        <translation>Ereignistyp:</translation>
    </message>
    <message>
        <source>Payload (JSON)</source>
        <translation>Nutzdaten (JSON)</translation>
    </message>
    <message>
        <source>Delivery result</source>
        <translation>Zustellergebnis</translation>
    </message>
    <message>
        <source>&lt;b&gt;Delivery log&lt;/b&gt;</source>
        <translation>&lt;b&gt;Zustellprotokoll&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Log filter</source>
        <translation>Protokollfilter</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>&amp;Resend</source>
        <translation>Erneut &amp;senden</translation>
    </message>
    <message>
        <source>Retry &amp;automatically</source>
        <translation>&amp;Automatisch wiederholen</translation>
    </message>
    <message>
        <source>Resend after 5 s, 30 s, 2 min and 10 min (or as Retry-After asks) until it works</source>
        <translation>Erneut senden nach 5 s, 30 s, 2 min und 10 min (oder wie Retry-After verlangt), bis es klappt</translation>
    </message>
    <message>
        <source>Cancel retries</source>
        <translation>Wiederholungen abbrechen</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>Last attempt: {0}</source>
        <translation>Letzter Versuch: {0}</translation>
    </message>
</context>
<context>
    <name>VerifySignatureDialog</name>
    <message>
        <source>Verify webhook signature</source>
        <translation>Webhook-Signatur verifizieren</translation>
    </message>
    <message>
        <source>t=1700000000,v1=5257a8…
— or —
webhook-id: msg_…
webhook-timestamp: …
webhook-signature: v1,…</source>
        <translation>t=1700000000,v1=5257a8…
— oder —
webhook-id: msg_…
webhook-timestamp: …
webhook-signature: v1,…</translation>
    </message>
    <message>
        <source>The raw request body, exactly as received</source>
        <translation>Der rohe Anfragetext, genau wie empfangen</translation>
    </message>
    <message>
        <source>whsec_…</source>
        <translation>whsec_…</translation>
    </message>
</context>
<context>
    <name>WaitingBox</name>
    <message>
        <source>Waiting for Stripe</source>
        <translation>Warten auf Stripe</translation>
    </message>
    <message>
        <source>Stripe address</source>
        <translation>Stripe-Adresse</translation>
    </message>
    <message>
        <source>&amp;Copy address</source>
        <translation>Adresse &amp;kopieren</translation>
    </message>
    <message>
        <source>C&amp;ancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Paste the address you were sent to (if the browser could not reach this app)</source>
        <translation>Fügen Sie die Adresse ein, an die Sie geleitet wurden (falls der Browser diese App nicht erreichte)</translation>
    </message>
    <message>
        <source>Address you were sent to</source>
        <translation>Adresse, an die Sie geleitet wurden</translation>
    </message>
    <message>
        <source>&amp;Use address</source>
        <translation>Adresse &amp;verwenden</translation>
    </message>
    <message>
        <source>Your browser was opened at Stripe. Finish there; this panel updates by itself. If the browser did not open, copy the address into it.</source>
        <translation>Ihr Browser wurde bei Stripe geöffnet. Schließen Sie dort ab; diese Ansicht aktualisiert sich selbst. Falls sich der Browser nicht öffnete, kopieren Sie die Adresse hinein.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No web browser could be started.&lt;/b&gt; Copy the address below and open it in a browser on this computer; this panel updates by itself when Stripe sends you back.</source>
        <translation>&lt;b&gt;Es konnte kein Webbrowser gestartet werden.&lt;/b&gt; Kopieren Sie die Adresse unten und öffnen Sie sie in einem Browser auf diesem Computer; diese Ansicht aktualisiert sich selbst, sobald Stripe Sie zurückleitet.</translation>
    </message>
</context>
<context>
    <name>WebhooksTab</name>
    <message>
        <source>Endpoint &amp;URL:</source>
        <translation>Endpunkt-&amp;URL:</translation>
    </message>
    <message>
        <source>https://example.com/webhooks/billing</source>
        <translation>https://example.com/webhooks/billing</translation>
    </message>
    <message>
        <source>All event types</source>
        <translation>Alle Ereignistypen</translation>
    </message>
    <message>
        <source>&amp;Events:</source>
        <translation>&amp;Ereignisse:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Signature &amp;scheme:</source>
        <translation>Signatur&amp;verfahren:</translation>
    </message>
    <message>
        <source>Stripe style (X-Webhook-Signature: t=…,v1=…)</source>
        <translation>Stripe-Art (X-Webhook-Signature: t=…,v1=…)</translation>
    </message>
    <message>
        <source>Standard Webhooks (webhook-id / -timestamp / -signature)</source>
        <translation>Standard Webhooks (webhook-id / -timestamp / -signature)</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>&amp;Aktiv</translation>
    </message>
    <message>
        <source>Allow &amp;private addresses</source>
        <translation>&amp;Private Adressen erlauben</translation>
    </message>
    <message>
        <source>Test mode only.</source>
        <translation>Nur im Testmodus.</translation>
    </message>
    <message>
        <source>&amp;Save endpoint</source>
        <translation>Endpunkt &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Test &amp;&amp; log</source>
        <translation>Test &amp;&amp; Protokoll</translation>
    </message>
    <message>
        <source>Local inbox</source>
        <translation>Lokaler Eingang</translation>
    </message>
    <message>
        <source>Webhooks — {0}</source>
        <translation>Webhooks — {0}</translation>
    </message>
    <message>
        <source>No tenant selected</source>
        <translation>Kein Mandant ausgewählt</translation>
    </message>
    <message>
        <source>No webhook endpoint yet. Enter the address that should receive the events of {0} and save; to try it on this computer first, use the Local inbox tab.</source>
        <translation>Noch kein Webhook-Endpunkt. Geben Sie die Adresse ein, die die Ereignisse von {0} empfangen soll, und speichern Sie; um es zuerst auf diesem Computer zu versuchen, nutzen Sie den Reiter „Lokaler Eingang“.</translation>
    </message>
    <message>
        <source>No webhook endpoint is configured for {0}.</source>
        <translation>Für {0} ist kein Webhook-Endpunkt eingerichtet.</translation>
    </message>
    <message>
        <source>the webhook endpoint of {0}</source>
        <translation>den Webhook-Endpunkt von {0}</translation>
    </message>
    <message>
        <source>Webhook endpoint saved.</source>
        <translation>Webhook-Endpunkt gespeichert.</translation>
    </message>
    <message>
        <source>Signing secret rolled.</source>
        <translation>Signaturgeheimnis gewechselt.</translation>
    </message>
    <message>
        <source>Remove webhook endpoint</source>
        <translation>Webhook-Endpunkt entfernen</translation>
    </message>
    <message>
        <source>Remove the webhook endpoint of {0}?

Its signing secrets are deleted; deliveries stop.</source>
        <translation>Den Webhook-Endpunkt von {0} entfernen?

Seine Signaturgeheimnisse werden gelöscht; Zustellungen enden.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Removing a webhook endpoint needs your password again.</source>
        <translation>Einen Webhook-Endpunkt zu entfernen erfordert erneut Ihr Passwort.</translation>
    </message>
</context>
<context>
    <name>_EnvironmentDialog</name>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <source>TEST and LIVE</source>
        <translation>TEST und LIVE</translation>
    </message>
</context>
</TS>
