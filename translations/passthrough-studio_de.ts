<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <source>Turns stereo VR videos into passthrough videos.</source>
        <translation>Macht aus Stereo-VR-Videos Passthrough-Videos.</translation>
    </message>
    <message>
        <source>Videos to add.</source>
        <translation>Hinzuzufügende Videos.</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::JobCard</name>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>Fehlgeschlagene wiederholen</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Runter</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source> · %1 frames/s · %2 left</source>
        <translation> · %1 Bilder/s · noch %2</translation>
    </message>
    <message>
        <source>%1 of %2 frames</source>
        <translation>%1 von %2 Bildern</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::JobQueue</name>
    <message>
        <source>Reading the file…</source>
        <translation>Datei wird gelesen…</translation>
    </message>
    <message>
        <source>Cannot be used</source>
        <translation>Nicht verwendbar</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht gestartet</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In der Warteschlange</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <source>Failed segments</source>
        <translation>Segmente fehlgeschlagen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Choose the matting model file first (or download it in the settings).</source>
        <translation>Wählen Sie zuerst die Modelldatei für das Matting (oder laden Sie sie in den Einstellungen herunter).</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s) failed; retry them when the cause is fixed.</source>
        <translation><numerusform>%n Segment ist fehlgeschlagen; wiederholen Sie es, wenn die Ursache behoben ist.</numerusform><numerusform>%n Segmente sind fehlgeschlagen; wiederholen Sie sie, wenn die Ursache behoben ist.</numerusform></translation>
    </message>
</context>
<context>
    <name>passthrough::ui::MainWindow</name>
    <message>
        <source>Passthrough Studio</source>
        <translation>Passthrough Studio</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Drop VR videos on the window to add them.</source>
        <translation>Ziehen Sie VR-Videos auf das Fenster, um sie hinzuzufügen.</translation>
    </message>
    <message>
        <source>Downloading: %1 of %2 MB</source>
        <translation>Herunterladen: %1 von %2 MB</translation>
    </message>
    <message>
        <source>Downloading: %1 MB</source>
        <translation>Herunterladen: %1 MB</translation>
    </message>
    <message>
        <source>Downloaded and verified.</source>
        <translation>Heruntergeladen und geprüft.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Passthrough Studio</source>
        <translation>Ü&amp;ber Passthrough Studio</translation>
    </message>
    <message>
        <source>About Passthrough Studio</source>
        <translation>Über Passthrough Studio</translation>
    </message>
    <message>
        <source>&lt;p&gt;Passthrough Studio %1&lt;/p&gt;&lt;p&gt;Turns stereo VR videos into passthrough videos with Robust Video Matting.&lt;/p&gt;&lt;p&gt;GPL-3.0-or-later. RVM&apos;s code and weights are GPL-3.0.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Passthrough Studio %1&lt;/p&gt;&lt;p&gt;Macht aus Stereo-VR-Videos Passthrough-Videos mit Robust Video Matting.&lt;/p&gt;&lt;p&gt;GPL-3.0-or-later. Code und Gewichte von RVM stehen unter GPL-3.0.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Add VR videos</source>
        <translation>VR-Videos hinzufügen</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mkv *.mov *.webm *.avi *.m4v);;All files (*)</source>
        <translation>Videos (*.mp4 *.mkv *.mov *.webm *.avi *.m4v);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Only files on this computer can be added.</source>
        <translation>Nur Dateien auf diesem Computer können hinzugefügt werden.</translation>
    </message>
    <message>
        <source>Quit Passthrough Studio</source>
        <translation>Passthrough Studio beenden</translation>
    </message>
    <message>
        <source>A job is running. Stop it and quit? It resumes where it stopped the next time you start Passthrough Studio.</source>
        <translation>Ein Auftrag läuft. Anhalten und beenden? Er wird beim nächsten Start von Passthrough Studio dort fortgesetzt, wo er stehen blieb.</translation>
    </message>
    <message>
        <source>Starting the download…</source>
        <translation>Download wird gestartet…</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::PreviewPanel</name>
    <message>
        <source>Frame</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Matte</source>
        <translation>Maske</translation>
    </message>
    <message>
        <source>Composite</source>
        <translation>Komposit</translation>
    </message>
    <message>
        <source>As the player shows it</source>
        <translation>Wie der Player es zeigt</translation>
    </message>
    <message>
        <source>The preview appears once the file is read.</source>
        <translation>Die Vorschau erscheint, sobald die Datei gelesen ist.</translation>
    </message>
    <message>
        <source>No job selected.</source>
        <translation>Kein Auftrag ausgewählt.</translation>
    </message>
    <message>
        <source>Choose the matting model file to see the matte.</source>
        <translation>Wählen Sie die Modelldatei, um die Maske zu sehen.</translation>
    </message>
    <message>
        <source>Computing frame %1 (the model warms up on the second before it)…</source>
        <translation>Bild %1 wird berechnet (das Modell wärmt sich an der Sekunde davor auf)…</translation>
    </message>
    <message>
        <source>Frame %1</source>
        <translation>Bild %1</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::ProbeView</name>
    <message>
        <source>As detected</source>
        <translation>Wie erkannt</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Layout</translation>
    </message>
    <message>
        <source>Use layout</source>
        <translation>Layout verwenden</translation>
    </message>
    <message>
        <source>%1 × %2, %3, %4-bit (%5)</source>
        <translation>%1 × %2, %3, %4 Bit (%5)</translation>
    </message>
    <message>
        <source>%1 frames/s%2, %3 s, %4 frames</source>
        <translation>%1 Bilder/s%2, %3 s, %4 Bilder</translation>
    </message>
    <message>
        <source> (variable)</source>
        <translation> (variabel)</translation>
    </message>
    <message>
        <source>%1, %2 channels, %3 Hz</source>
        <translation>%1, %2 Kanäle, %3 Hz</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>aus %1</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::QueuePanel</name>
    <message>
        <source>Drop VR videos here, or use File → Open.</source>
        <translation>VR-Videos hierher ziehen oder Datei → Öffnen verwenden.</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::SegmentStrip</name>
    <message>
        <source>Segment %1 of %2</source>
        <translation>Segment %1 von %2</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::SettingsForm</name>
    <message>
        <source>Fisheye alpha (DeoVR, HereSphere)</source>
        <translation>Fisheye-Alpha (DeoVR, HereSphere)</translation>
    </message>
    <message>
        <source>Matte only</source>
        <translation>Nur Maske</translation>
    </message>
    <message>
        <source>Green screen</source>
        <translation>Greenscreen</translation>
    </message>
    <message>
        <source>ProRes 4444 with alpha (.mov)</source>
        <translation>ProRes 4444 mit Alpha (.mov)</translation>
    </message>
    <message>
        <source>VP9 with alpha (.webm)</source>
        <translation>VP9 mit Alpha (.webm)</translation>
    </message>
    <message>
        <source>PNG sequence with alpha</source>
        <translation>PNG-Sequenz mit Alpha</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Each segment is matted and encoded on its own: a failure costs only it.</source>
        <translation>Jedes Segment wird einzeln freigestellt und kodiert: Ein Fehler kostet nur dieses Segment.</translation>
    </message>
    <message>
        <source>Gray</source>
        <translation>Grau</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Rot</translation>
    </message>
    <message>
        <source>Automatic (NVENC when present, else x265)</source>
        <translation>Automatisch (NVENC, wenn vorhanden, sonst x265)</translation>
    </message>
    <message>
        <source>Lower is better quality and bigger files.</source>
        <translation>Niedriger bedeutet bessere Qualität und größere Dateien.</translation>
    </message>
    <message>
        <source>Automatic (about 512 px per eye)</source>
        <translation>Automatisch (etwa 512 px pro Auge)</translation>
    </message>
    <message>
        <source>Automatic (CUDA when present)</source>
        <translation>Automatisch (CUDA, wenn vorhanden)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Downloads RVM&apos;s official weights once and verifies them before use.</source>
        <translation>Lädt die offiziellen RVM-Gewichte einmal herunter und prüft sie vor der Verwendung.</translation>
    </message>
    <message>
        <source>Beside the source</source>
        <translation>Neben der Quelle</translation>
    </message>
    <message>
        <source>Segment length</source>
        <translation>Segmentlänge</translation>
    </message>
    <message>
        <source>Packing</source>
        <translation>Verpackung</translation>
    </message>
    <message>
        <source>Matte channel</source>
        <translation>Maskenkanal</translation>
    </message>
    <message>
        <source>Key colour</source>
        <translation>Keyfarbe</translation>
    </message>
    <message>
        <source>Encoder</source>
        <translation>Encoder</translation>
    </message>
    <message>
        <source>Quality (CRF)</source>
        <translation>Qualität (CRF)</translation>
    </message>
    <message>
        <source>Model resolution</source>
        <translation>Modellauflösung</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>Modelldatei</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <source>Output file</source>
        <translation>Ausgabedatei</translation>
    </message>
    <message>
        <source>Matting model</source>
        <translation>Matting-Modell</translation>
    </message>
    <message>
        <source>RVM models (*.pth *.torchscript *.pt)</source>
        <translation>RVM-Modelle (*.pth *.torchscript *.pt)</translation>
    </message>
    <message>
        <source>A real alpha channel is for editors: no headset player is known to read it.</source>
        <translation>Ein echter Alphakanal ist für Schnittprogramme: Kein bekannter Headset-Player liest ihn.</translation>
    </message>
</context>
</TS>
