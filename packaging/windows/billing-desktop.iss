; Inno Setup script for Billing Desktop (https://jrsoftware.org/ishelp/).
; Build on Windows after `python packaging\build.py --target windows`:
;   iscc /DAppVersion=0.1.0 packaging\windows\billing-desktop.iss
; Per-user install (no admin rights), Start-menu entry, uninstaller.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Billing Desktop"
#define BundleDir "..\..\dist\billing-desktop"

[Setup]
AppId={{6F1C2B1E-5A8D-4E0B-9C61-B111D35C0001}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Billing Desktop team
DefaultDirName={localappdata}\Programs\Billing Desktop
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=billing-desktop-{#AppVersion}-windows-setup
SetupIconFile=..\..\build\icons\billing-desktop.ico
UninstallDisplayIcon={app}\BillingDesktop.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\BillingDesktop.exe"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\BillingDesktop.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a &desktop icon"; GroupDescription: "Additional icons:"; Flags: unchecked

[Run]
Filename: "{app}\BillingDesktop.exe"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent
