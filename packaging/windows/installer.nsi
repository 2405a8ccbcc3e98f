; Piano Obiettivi: per-user installer for Windows x64 (no administrator rights).
; Built by scripts/package with Debian's makensis:
;   makensis -DVERSION=0.2.0 -DSTAGE=<folder with the files> -DOUTFILE=<setup.exe> installer.nsi
; The user's data (%APPDATA%\piano-obiettivi) is never touched: not on install, upgrade or
; uninstall. Upgrading installs over the old files; the app migrates the database at its
; next start, after copying it aside, as it always does.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include MUI2.nsh
!include LogicLib.nsh
!include StrFunc.nsh
${StrStr}
${UnStrRep}

!define APP "Piano Obiettivi"
!define EXE "piano-obiettivi.exe"
!define PUBLISHER "Piano Obiettivi"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\PianoObiettivi"
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_PAGE "https://developer.microsoft.com/microsoft-edge/webview2/"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1040 "ProductName" "${APP}"
VIAddVersionKey /LANG=1040 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1040 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1040 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1040 "FileDescription" "Installazione di ${APP}"
VIAddVersionKey /LANG=1040 "LegalCopyright" "Licenza MIT"

!define MUI_ICON "${STAGE}\piano-obiettivi.ico"
!define MUI_UNICON "${STAGE}\piano-obiettivi.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "Questa procedura installa ${APP} ${VERSION} nella cartella dei programmi dell'utente: non servono diritti di amministratore.$\r$\n$\r$\nI piani già salvati restano dove sono e si ritrovano aprendo il programma."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Avvia ${APP}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "Il programma sarà rimosso da questo computer. I piani salvati NON vengono eliminati: restano nella cartella $APPDATA\piano-obiettivi, e si ritrovano reinstallando il programma."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Italian"

; WebView2 draws the window. Windows 11 and an updated Windows 10 have it; when it is
; missing, say so and offer Microsoft's page (the installation goes on either way).
Function CheckWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    DetailPrint "Microsoft Edge WebView2 Runtime non trovato."
    MessageBox MB_YESNO|MB_ICONINFORMATION "Per mostrare la sua finestra ${APP} usa Microsoft Edge WebView2 Runtime, che su questo computer non risulta installato (Windows 11 e Windows 10 aggiornato lo includono già).$\r$\n$\r$\nVuoi aprire la pagina di Microsoft da cui scaricarlo? Chiedi all'assistenza informatica se non puoi installarlo tu.$\r$\n$\r$\nL'installazione di ${APP} prosegue comunque; la riga di comando «piano» funziona anche senza WebView2." /SD IDNO IDNO done
    ExecShell "open" "${WEBVIEW2_PAGE}"
  done:
  ${Else}
    DetailPrint "Microsoft Edge WebView2 Runtime: versione $0."
  ${EndIf}
FunctionEnd

Section "Programma" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${STAGE}\${EXE}"
  File "${STAGE}\piano.exe"
  File "${STAGE}\WebView2Loader.dll"
  File "${STAGE}\piano-obiettivi.ico"
  File "${STAGE}\LICENZA.txt"
  File "${STAGE}\OFL-TitilliumWeb.txt"
  File "${STAGE}\LEGGIMI.txt"
  WriteUninstaller "$INSTDIR\Disinstalla.exe"

  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\piano-obiettivi.ico"
  ; The command line: a console in the install folder that starts by showing the help.
  CreateShortcut "$SMPROGRAMS\${APP}\${APP} – riga di comando.lnk" "$SYSDIR\cmd.exe" '/k "cd /d "$INSTDIR" && piano.exe --help"' "$INSTDIR\piano-obiettivi.ico" 0 SW_SHOWNORMAL "" "Apre un prompt dei comandi con «piano» pronto all'uso"
  CreateShortcut "$SMPROGRAMS\${APP}\Disinstalla ${APP}.lnk" "$INSTDIR\Disinstalla.exe"

  ; piano.exe on the user's PATH (new consoles see it).
  ReadRegStr $0 HKCU "Environment" "Path"
  ${StrStr} $1 "$0" "$INSTDIR"
  ${If} $1 == ""
    ${If} $0 == ""
      WriteRegExpandStr HKCU "Environment" "Path" "$INSTDIR"
    ${Else}
      WriteRegExpandStr HKCU "Environment" "Path" "$0;$INSTDIR"
    ${EndIf}
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=2000
  ${EndIf}

  ; Programmi e funzionalità.
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\piano-obiettivi.ico"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\Disinstalla.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\Disinstalla.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" ${SIZE_KB}

  Call CheckWebView2
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\piano-obiettivi.exe"
  Delete "$INSTDIR\piano.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\piano-obiettivi.ico"
  Delete "$INSTDIR\LICENZA.txt"
  Delete "$INSTDIR\OFL-TitilliumWeb.txt"
  Delete "$INSTDIR\LEGGIMI.txt"
  Delete "$INSTDIR\Disinstalla.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}\${APP}.lnk"
  Delete "$SMPROGRAMS\${APP}\${APP} – riga di comando.lnk"
  Delete "$SMPROGRAMS\${APP}\Disinstalla ${APP}.lnk"
  RMDir "$SMPROGRAMS\${APP}"

  ReadRegStr $0 HKCU "Environment" "Path"
  ${UnStrRep} $0 "$0" ";$INSTDIR" ""
  ${UnStrRep} $0 "$0" "$INSTDIR" ""
  WriteRegExpandStr HKCU "Environment" "Path" "$0"
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=2000

  DeleteRegKey HKCU "${UNINST_KEY}"
  DetailPrint "I piani salvati restano in $APPDATA\piano-obiettivi."
SectionEnd
