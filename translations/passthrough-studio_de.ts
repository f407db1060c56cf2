<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>PeopleOverlay</name>
    <message>
        <location filename="../ui/peopleoverlay.cpp" line="66"/>
        <source>your body (POV)</source>
        <translation>dein Körper (POV)</translation>
    </message>
    <message>
        <location filename="../ui/peopleoverlay.cpp" line="61"/>
        <source>sharpened</source>
        <translation>geschärft</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/studio/main.cpp" line="40"/>
        <source>Turns stereo VR videos into passthrough videos.</source>
        <translation>Macht aus Stereo-VR-Videos Passthrough-Videos.</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="43"/>
        <source>Videos to add.</source>
        <translation>Hinzuzufügende Videos.</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::CostEstimate</name>
    <message>
        <location filename="../ui/costestimate.cpp" line="15"/>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <location filename="../ui/costestimate.cpp" line="17"/>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <location filename="../ui/costestimate.cpp" line="35"/>
        <source>about %1, %2</source>
        <translation>etwa %1, %2</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::FolderWatcher</name>
    <message>
        <location filename="../ui/folderwatcher.cpp" line="35"/>
        <source>%1 is not a folder.</source>
        <translation>%1 ist kein Ordner.</translation>
    </message>
    <message>
        <location filename="../ui/folderwatcher.cpp" line="41"/>
        <source>Choose an output folder outside %1 first (Job tab, Output folder): the finished videos would otherwise land in the watched folder and become jobs themselves.</source>
        <translation>Wählen Sie zuerst einen Ausgabeordner außerhalb von %1 (Reiter Auftrag, Ausgabeordner): Sonst landen die fertigen Videos im beobachteten Ordner und werden selbst zu Aufträgen.</translation>
    </message>
    <message>
        <location filename="../ui/folderwatcher.cpp" line="50"/>
        <source>The hours take HH:MM-HH:MM (such as 22:00-06:00), not &quot;%1&quot;.</source>
        <translation>Die Uhrzeiten werden als HH:MM-HH:MM angegeben (etwa 22:00-06:00), nicht „%1“.</translation>
    </message>
    <message>
        <location filename="../ui/folderwatcher.cpp" line="121"/>
        <source>its output %1 exists</source>
        <translation>seine Ausgabe %1 gibt es schon</translation>
    </message>
    <message>
        <location filename="../ui/folderwatcher.cpp" line="136"/>
        <source>Watching %1</source>
        <translation>Beobachte %1</translation>
    </message>
    <message>
        <location filename="../ui/folderwatcher.cpp" line="138"/>
        <source>, starting jobs between %1</source>
        <translation>, Aufträge starten zwischen %1</translation>
    </message>
    <message>
        <location filename="../ui/folderwatcher.cpp" line="141"/>
        <source>, jobs waiting: %1</source>
        <translation>, wartende Aufträge: %1</translation>
    </message>
    <message>
        <location filename="../ui/folderwatcher.cpp" line="144"/>
        <source>, files still being copied: %1</source>
        <translation>, Dateien, die noch kopiert werden: %1</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::JobCard</name>
    <message>
        <location filename="../ui/jobcard.cpp" line="54"/>
        <source>Show in folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
    <message>
        <location filename="../ui/jobcard.cpp" line="55"/>
        <source>Opens the folder that holds the finished video.</source>
        <translation>Öffnet den Ordner mit dem fertigen Video.</translation>
    </message>
    <message>
        <location filename="../ui/jobcard.cpp" line="118"/>
        <source>Estimate: %1</source>
        <translation>Schätzung: %1</translation>
    </message>
    <message>
        <location filename="../ui/jobcard.cpp" line="124"/>
        <source>For %1, %2</source>
        <translation>Für %1, %2</translation>
    </message>
    <message>
        <location filename="../ui/jobcard.cpp" line="47"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../ui/jobcard.cpp" line="48"/>
        <source>Send to farm</source>
        <translation>An die Renderfarm</translation>
    </message>
    <message>
        <location filename="../ui/jobcard.cpp" line="49"/>
        <source>Let the render farm&apos;s workers do this job instead of this computer.</source>
        <translation>Die Rechner der Renderfarm erledigen diesen Auftrag statt dieses Computers.</translation>
    </message>
    <message>
        <location filename="../ui/jobcard.cpp" line="50"/>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../ui/jobcard.cpp" line="51"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../ui/jobcard.cpp" line="52"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location filename="../ui/jobcard.cpp" line="53"/>
        <source>Retry failed</source>
        <translation>Fehlgeschlagene wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/jobcard.cpp" line="56"/>
        <source>Up</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <location filename="../ui/jobcard.cpp" line="57"/>
        <source>Down</source>
        <translation>Runter</translation>
    </message>
    <message>
        <location filename="../ui/jobcard.cpp" line="58"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/jobcard.cpp" line="103"/>
        <source> · %1 frames/s · %2 left</source>
        <translation> · %1 Bilder/s · noch %2</translation>
    </message>
    <message>
        <location filename="../ui/jobcard.cpp" line="134"/>
        <source>%1 of %2 frames</source>
        <translation>%1 von %2 Bildern</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::JobQueue</name>
    <message>
        <location filename="../ui/jobqueue.cpp" line="34"/>
        <source>Reading the file…</source>
        <translation>Datei wird gelesen…</translation>
    </message>
    <message>
        <location filename="../ui/jobqueue.cpp" line="36"/>
        <source>Cannot be used</source>
        <translation>Nicht verwendbar</translation>
    </message>
    <message>
        <location filename="../ui/jobqueue.cpp" line="38"/>
        <source>Not started</source>
        <translation>Nicht gestartet</translation>
    </message>
    <message>
        <location filename="../ui/jobqueue.cpp" line="40"/>
        <source>Queued</source>
        <translation>In der Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/jobqueue.cpp" line="42"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../ui/jobqueue.cpp" line="44"/>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location filename="../ui/jobqueue.cpp" line="46"/>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <location filename="../ui/jobqueue.cpp" line="48"/>
        <source>Failed segments</source>
        <translation>Segmente fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/jobqueue.cpp" line="50"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../ui/jobqueue.cpp" line="52"/>
        <source>On the farm</source>
        <translation>Auf der Renderfarm</translation>
    </message>
    <message>
        <location filename="../ui/jobqueue.cpp" line="210"/>
        <location filename="../ui/jobqueuefarm.cpp" line="27"/>
        <source>Choose the matting model file first (or download it in the settings).</source>
        <translation>Wählen Sie zuerst die Modelldatei für das Matting (oder laden Sie sie in den Einstellungen herunter).</translation>
    </message>
    <message>
        <location filename="../ui/jobqueuefarm.cpp" line="22"/>
        <source>Set the farm&apos;s broker address in the settings first.</source>
        <translation>Tragen Sie zuerst die Broker-Adresse der Renderfarm in den Einstellungen ein.</translation>
    </message>
    <message>
        <location filename="../ui/jobqueuefarm.cpp" line="37"/>
        <source>Sending to the farm…</source>
        <translation>Wird an die Renderfarm geschickt …</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/jobqueue.cpp" line="432"/>
        <source>%n segment(s) failed; retry them when the cause is fixed.</source>
        <translation>
            <numerusform>%n Segment ist fehlgeschlagen; wiederholen Sie es, wenn die Ursache behoben ist.</numerusform>
            <numerusform>%n Segmente sind fehlgeschlagen; wiederholen Sie sie, wenn die Ursache behoben ist.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>passthrough::ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="90"/>
        <source>Skipped %1: %2</source>
        <translation>%1 übersprungen: %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="178"/>
        <source>&amp;Watch a folder…</source>
        <translation>Ordner &amp;beobachten…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="179"/>
        <source>&amp;Stop watching</source>
        <translation>Beobachten &amp;beenden</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="202"/>
        <location filename="../ui/mainwindow.cpp" line="207"/>
        <location filename="../ui/mainwindow.cpp" line="217"/>
        <source>Watch a folder</source>
        <translation>Ordner beobachten</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="208"/>
        <source>New videos in %1 become jobs with the current settings and run one after another.
Start them only between (such as 22:00-06:00; empty: at any time):</source>
        <translation>Neue Videos in %1 werden zu Aufträgen mit den aktuellen Einstellungen und laufen nacheinander.
Nur starten zwischen (etwa 22:00-06:00; leer: jederzeit):</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="337"/>
        <source>%1 is finished: %2</source>
        <translation>%1 ist fertig: %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="338"/>
        <source>%1 failed: %2</source>
        <translation>%1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="50"/>
        <location filename="../ui/mainwindow.cpp" line="345"/>
        <source>Passthrough Studio</source>
        <translation>Passthrough Studio</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="120"/>
        <source>Getting the person model: %1 of %2 MB</source>
        <translation>Personenmodell wird geladen: %1 von %2 MB</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="123"/>
        <source>Getting the person model: %1 MB</source>
        <translation>Personenmodell wird geladen: %1 MB</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="130"/>
        <source>The person model could not be downloaded: %1</source>
        <translation>Das Personenmodell konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="404"/>
        <source>Getting the person model (once, about 10 MB)…</source>
        <translation>Personenmodell wird geladen (einmalig, etwa 10 MB)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="65"/>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="75"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="76"/>
        <source>Sample</source>
        <translation>Probe</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="77"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="85"/>
        <source>Drop VR videos on the window to add them.</source>
        <translation>Ziehen Sie VR-Videos auf das Fenster, um sie hinzuzufügen.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="144"/>
        <source>Downloading: %1 of %2 MB</source>
        <translation>Herunterladen: %1 von %2 MB</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="145"/>
        <source>Downloading: %1 MB</source>
        <translation>Herunterladen: %1 MB</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="148"/>
        <source>Downloaded and verified.</source>
        <translation>Heruntergeladen und geprüft.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="175"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="176"/>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="182"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="184"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="185"/>
        <source>&amp;About Passthrough Studio</source>
        <translation>Ü&amp;ber Passthrough Studio</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="186"/>
        <source>About Passthrough Studio</source>
        <translation>Über Passthrough Studio</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="187"/>
        <source>&lt;p&gt;Passthrough Studio %1&lt;/p&gt;&lt;p&gt;Turns stereo VR videos into passthrough videos with Robust Video Matting.&lt;/p&gt;&lt;p&gt;GPL-3.0-or-later. RVM&apos;s code and weights are GPL-3.0.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Passthrough Studio %1&lt;/p&gt;&lt;p&gt;Macht aus Stereo-VR-Videos Passthrough-Videos mit Robust Video Matting.&lt;/p&gt;&lt;p&gt;GPL-3.0-or-later. Code und Gewichte von RVM stehen unter GPL-3.0.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="195"/>
        <source>Add VR videos</source>
        <translation>VR-Videos hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="196"/>
        <source>Videos (*.mp4 *.mkv *.mov *.webm *.avi *.m4v);;All files (*)</source>
        <translation>Videos (*.mp4 *.mkv *.mov *.webm *.avi *.m4v);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="275"/>
        <source>Only files on this computer can be added.</source>
        <translation>Nur Dateien auf diesem Computer können hinzugefügt werden.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="286"/>
        <source>Quit Passthrough Studio</source>
        <translation>Passthrough Studio beenden</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="287"/>
        <source>A job is running. Stop it and quit? It resumes where it stopped the next time you start Passthrough Studio.</source>
        <translation>Ein Auftrag läuft. Anhalten und beenden? Er wird beim nächsten Start von Passthrough Studio dort fortgesetzt, wo er stehen blieb.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="410"/>
        <source>Starting the download…</source>
        <translation>Download wird gestartet…</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::MatteControlsForm</name>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="62"/>
        <source>Find small and far people too (slower)</source>
        <translation>Auch kleine und entfernte Personen finden (langsamer)</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="63"/>
        <source>Sharpen small and far people (matted again at full detail)</source>
        <translation>Kleine und entfernte Personen schärfen (noch einmal in voller Auflösung freigestellt)</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="83"/>
        <source>The whole picture is matted at the size the model works best at, where a person far away is only a few pixels tall. With this on, each small person the person model finds is matted a second time in a square around them, at up to the video&apos;s own resolution, in both eyes alike, and that sharper matte replaces theirs. Shown as dotted blue &quot;sharpened&quot; squares with Show people. Costs up to half as much again as the matting.</source>
        <translation>Das ganze Bild wird in der Größe freigestellt, mit der das Modell am besten arbeitet; eine entfernte Person ist dort nur wenige Pixel groß. Ist dies an, wird jede kleine Person, die das Personenmodell findet, ein zweites Mal in einem Quadrat um sie herum freigestellt, bis zur eigenen Auflösung des Videos, in beiden Augen gleich, und diese schärfere Maske ersetzt ihre. Mit „Personen zeigen“ als gepunktete blaue Quadrate „geschärft“ zu sehen. Kostet bis zur Hälfte der Freistellzeit zusätzlich.</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="61"/>
        <source>Remove what is not a person (objects, people not found)</source>
        <translation>Entfernen, was keine Person ist (Gegenstände, nicht gefundene Personen)</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="89"/>
        <source>The matte that no person the model finds explains (a chair, a pet, someone too small to be found) is taken out too, in each eye where a person stays. Frames where nobody is found keep their matte.</source>
        <translation>Auch die Maske, die keine vom Modell gefundene Person erklärt (ein Stuhl, ein Haustier, jemand, der zu klein ist, um gefunden zu werden), wird entfernt, in jedem Auge, in dem eine Person bleibt. Bilder, in denen niemand gefunden wird, behalten ihre Maske.</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="85"/>
        <source>The person model sees each eye at 384 pixels instead of 256: people far away or near a fisheye eye&apos;s edge are found too, and finding them takes about 1.7 times as long.</source>
        <translation>Das Personenmodell sieht jedes Auge mit 384 statt 256 Pixeln: Auch weit entfernte Personen und solche am Rand eines Fisheye-Auges werden gefunden, und die Suche dauert etwa 1,7-mal so lange.</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="64"/>
        <source>Forget</source>
        <translation>Vergessen</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="68"/>
        <source>People picked on the preview: turn on &quot;Show people&quot; and click a person.</source>
        <translation>In der Vorschau gewählte Personen: „Personen zeigen“ einschalten und auf eine Person klicken.</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="286"/>
        <source>at %1 s (%2, %3)</source>
        <translation>bei %1 s (%2, %3)</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="290"/>
        <source>Keep only the person %1</source>
        <translation>Nur die Person %1 behalten</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="291"/>
        <source>Remove the person %1</source>
        <translation>Die Person %1 entfernen</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="93"/>
        <source>everyone</source>
        <translation>alle</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="94"/>
        <source>keep the largest </source>
        <translation>die größten behalten: </translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="45"/>
        <source>POV body</source>
        <translation>POV-Körper</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="46"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="56"/>
        <source>Start afresh at scene cuts</source>
        <translation>Bei Szenenschnitten neu beginnen</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="57"/>
        <source>Remove my own body (the camera wearer&apos;s: chest, legs and hands from the bottom of the view, found per frame)</source>
        <translation>Meinen eigenen Körper entfernen (den der Kameraperson: Brust, Beine und Hände vom unteren Bildrand, pro Bild erkannt)</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="76"/>
        <source>A camera at your eyes sees your own body upside down: your chest or lap at the bottom of the image circle, your legs running up toward the horizon, your hands reaching in from the bottom corners, never a head. The person model looks at the lower part of each eye turned upside down, finds that body and takes it out of the matte with its hands and edges. Someone standing in front of you, head up, stays; frames without your body stay as they are. Shown dashed red as &quot;your body (POV)&quot; with Show people.</source>
        <translation>Eine Kamera an deinen Augen sieht deinen eigenen Körper kopfüber: deine Brust oder deinen Schoß am unteren Rand des Bildkreises, deine Beine zum Horizont hin, deine Hände von den unteren Ecken hereinreichend, nie einen Kopf. Das Personenmodell betrachtet den unteren Teil jedes Auges auf den Kopf gestellt, findet diesen Körper und nimmt ihn mit Händen und Rändern aus der Maske. Wer aufrecht vor dir steht, bleibt; Bilder ohne deinen Körper bleiben, wie sie sind. Mit „Personen zeigen“ gestrichelt rot als „dein Körper (POV)“ gezeigt.</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="100"/>
        <source>Drawn regions remove</source>
        <translation>Gezeichnete Bereiche entfernen</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="101"/>
        <source>Drawn regions keep</source>
        <translation>Gezeichnete Bereiche behalten</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="102"/>
        <source>Remove the lower part of both eyes, where the camera operator&apos;s body is.</source>
        <translation>Entfernt den unteren Teil beider Augen, wo der Körper der Person hinter der Kamera ist.</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="103"/>
        <source>Drag on the source view for a rectangle, click points for a polygon (double-click closes it). Drag a region to move it; Delete removes it.</source>
        <translation>Auf der Quellansicht ziehen für ein Rechteck, Punkte klicken für ein Polygon (Doppelklick schließt es). Einen Bereich ziehen, um ihn zu verschieben; Entf löscht ihn.</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="107"/>
        <source>Who stays</source>
        <translation>Wer bleibt</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="125"/>
        <source>Edge and time</source>
        <translation>Kante und Zeit</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="134"/>
        <source>Levels</source>
        <translation>Tonwerte</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="135"/>
        <source>Choke / grow</source>
        <translation>Verkleinern / vergrößern</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="136"/>
        <source>Feather</source>
        <translation>Weiche Kante</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="137"/>
        <source>Smooth flicker</source>
        <translation>Flackern glätten</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="139"/>
        <source>Eye pixels: right shrinks the matte, left grows it.</source>
        <translation>Augenpixel: nach rechts verkleinert die Maske, nach links vergrößert sie sie.</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="140"/>
        <source>Calms small changes between frames; motion is never held back.</source>
        <translation>Beruhigt kleine Änderungen zwischen Bildern; Bewegung wird nie zurückgehalten.</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="354"/>
        <location filename="../ui/mattecontrolsform.cpp" line="357"/>
        <location filename="../ui/mattecontrolsform.cpp" line="358"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="355"/>
        <source>shrink %1 px</source>
        <translation>%1 px kleiner</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="356"/>
        <source>grow %1 px</source>
        <translation>%1 px größer</translation>
    </message>
    <message>
        <location filename="../ui/mattecontrolsform.cpp" line="357"/>
        <source>%1 px</source>
        <translation>%1 px</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::PreviewPanel</name>
    <message>
        <location filename="../ui/previewpanel.cpp" line="1"/>
        <source>Finding everyone in the video: %1</source>
        <translation>Alle im Video werden gesucht: %1</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="1"/>
        <source>Find everyone in the video</source>
        <translation>Alle im Video finden</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="1"/>
        <source>Runs the person model over the whole video, as the job will, and shows on the timeline where each person is seen and whether they stay.</source>
        <translation>Lässt das Personenmodell über das ganze Video laufen, wie es der Auftrag tun wird, und zeigt auf der Zeitleiste, wo jede Person zu sehen ist und ob sie bleibt.</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="1"/>
        <source>Finding everyone in the video…</source>
        <translation>Alle im Video werden gesucht…</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="1"/>
        <source>The people could not be found: %1</source>
        <translation>Die Personen konnten nicht gefunden werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="1"/>
        <source>Everyone found: %1 people on the timeline; %2 scene cuts.</source>
        <translation>Alle gefunden: %1 Personen auf der Zeitleiste; %2 Szenenschnitte.</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="69"/>
        <source>View</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="66"/>
        <source>Wipe: source | composite</source>
        <translation>Wischen: Quelle | Komposit</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="67"/>
        <source>Overview (all four)</source>
        <translation>Übersicht (alle vier)</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="75"/>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="75"/>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="76"/>
        <source>200 %</source>
        <translation>200 %</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="89"/>
        <location filename="../ui/previewpanel.cpp" line="92"/>
        <source>fit</source>
        <translation>eingepasst</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="92"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="96"/>
        <source>Wheel: zoom. Middle button or Alt+drag: pan. Wipe: drag the line.</source>
        <translation>Mausrad: Zoom. Mittlere Taste oder Alt+Ziehen: verschieben. Wischen: die Linie ziehen.</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="25"/>
        <source>Show people</source>
        <translation>Personen zeigen</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="47"/>
        <source>Draws who the person model finds. Click a person to keep only them or to remove them.</source>
        <translation>Zeigt, wen das Personenmodell findet. Ein Klick auf eine Person behält nur sie oder entfernt sie.</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="43"/>
        <source>Frame</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="62"/>
        <location filename="../ui/previewpanel.cpp" line="110"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="63"/>
        <location filename="../ui/previewpanel.cpp" line="110"/>
        <source>Matte</source>
        <translation>Maske</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="64"/>
        <location filename="../ui/previewpanel.cpp" line="110"/>
        <source>Composite</source>
        <translation>Komposit</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="65"/>
        <location filename="../ui/previewpanel.cpp" line="110"/>
        <source>As the player shows it</source>
        <translation>Wie der Player es zeigt</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="172"/>
        <source>The preview appears once the file is read.</source>
        <translation>Die Vorschau erscheint, sobald die Datei gelesen ist.</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="172"/>
        <source>No job selected.</source>
        <translation>Kein Auftrag ausgewählt.</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="213"/>
        <source>Choose the matting model file to see the matte.</source>
        <translation>Wählen Sie die Modelldatei, um die Maske zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="236"/>
        <source>Computing frame %1 (the model warms up on the second before it)…</source>
        <translation>Bild %1 wird berechnet (das Modell wärmt sich an der Sekunde davor auf)…</translation>
    </message>
    <message>
        <location filename="../ui/previewpanel.cpp" line="249"/>
        <source>Frame %1</source>
        <translation>Bild %1</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::ProbeView</name>
    <message>
        <location filename="../ui/probeview.cpp" line="37"/>
        <source>As detected</source>
        <translation>Wie erkannt</translation>
    </message>
    <message>
        <location filename="../ui/probeview.cpp" line="42"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../ui/probeview.cpp" line="43"/>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <location filename="../ui/probeview.cpp" line="44"/>
        <source>Timing</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/probeview.cpp" line="45"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location filename="../ui/probeview.cpp" line="46"/>
        <source>Layout</source>
        <translation>Layout</translation>
    </message>
    <message>
        <location filename="../ui/probeview.cpp" line="47"/>
        <source>Use layout</source>
        <translation>Layout verwenden</translation>
    </message>
    <message>
        <location filename="../ui/probeview.cpp" line="74"/>
        <source>%1 × %2, %3, %4-bit (%5)</source>
        <translation>%1 × %2, %3, %4 Bit (%5)</translation>
    </message>
    <message>
        <location filename="../ui/probeview.cpp" line="81"/>
        <source>%1 frames/s%2, %3 s, %4 frames</source>
        <translation>%1 Bilder/s%2, %3 s, %4 Bilder</translation>
    </message>
    <message>
        <location filename="../ui/probeview.cpp" line="83"/>
        <source> (variable)</source>
        <translation> (variabel)</translation>
    </message>
    <message>
        <location filename="../ui/probeview.cpp" line="86"/>
        <source>%1, %2 channels, %3 Hz</source>
        <translation>%1, %2 Kanäle, %3 Hz</translation>
    </message>
    <message>
        <location filename="../ui/probeview.cpp" line="90"/>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <location filename="../ui/probeview.cpp" line="91"/>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message>
        <location filename="../ui/probeview.cpp" line="94"/>
        <source>from %1</source>
        <translation>aus %1</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::QueuePanel</name>
    <message>
        <location filename="../ui/queuepanel.cpp" line="20"/>
        <source>Drop VR videos here, or use File → Open.</source>
        <translation>VR-Videos hierher ziehen oder Datei → Öffnen verwenden.</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::RegionView</name>
    <message>
        <location filename="../ui/regionview.cpp" line="80"/>
        <source>Keep only this person</source>
        <translation>Nur diese Person behalten</translation>
    </message>
    <message>
        <location filename="../ui/regionview.cpp" line="83"/>
        <source>Remove this person</source>
        <translation>Diese Person entfernen</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::SamplePanel</name>
    <message>
        <location filename="../ui/samplepanel.cpp" line="21"/>
        <source>Render sample</source>
        <translation>Probe rendern</translation>
    </message>
    <message>
        <location filename="../ui/samplepanel.cpp" line="22"/>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../ui/samplepanel.cpp" line="44"/>
        <location filename="../ui/samplepanel.cpp" line="47"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../ui/samplepanel.cpp" line="53"/>
        <source>From</source>
        <translation>Ab</translation>
    </message>
    <message>
        <location filename="../ui/samplepanel.cpp" line="55"/>
        <source>for</source>
        <translation>für</translation>
    </message>
    <message>
        <location filename="../ui/samplepanel.cpp" line="63"/>
        <source>Source  |  as the player shows it</source>
        <translation>Quelle  |  wie der Player es zeigt</translation>
    </message>
    <message>
        <location filename="../ui/samplepanel.cpp" line="72"/>
        <source>Cannot play the sample: %1</source>
        <translation>Die Probe kann nicht abgespielt werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/samplepanel.cpp" line="98"/>
        <source>Render a few seconds through the whole pipeline to judge the matte in motion.</source>
        <translation>Ein paar Sekunden durch die ganze Verarbeitung rendern, um die Maske in Bewegung zu beurteilen.</translation>
    </message>
    <message>
        <location filename="../ui/samplepanel.cpp" line="99"/>
        <source>No file selected.</source>
        <translation>Keine Datei ausgewählt.</translation>
    </message>
    <message>
        <location filename="../ui/samplepanel.cpp" line="114"/>
        <source>Choose the matting model file first.</source>
        <translation>Zuerst die Modelldatei wählen.</translation>
    </message>
    <message>
        <location filename="../ui/samplepanel.cpp" line="134"/>
        <source>Rendering %1 s from %2 s (the model warms up on the second before)…</source>
        <translation>Rendere %1 s ab %2 s (das Modell wärmt sich in der Sekunde davor auf)…</translation>
    </message>
    <message>
        <location filename="../ui/samplepanel.cpp" line="175"/>
        <source>Sample: %1. Playing in a loop.</source>
        <translation>Probe: %1. Läuft in Schleife.</translation>
    </message>
    <message>
        <location filename="../ui/samplepanel.cpp" line="188"/>
        <source>The sample was stopped.</source>
        <translation>Die Probe wurde angehalten.</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::SampleWorker</name>
    <message>
        <location filename="../ui/sampleworker.cpp" line="87"/>
        <source>%1 frames from %2 s</source>
        <translation>%1 Bilder ab %2 s</translation>
    </message>
    <message>
        <location filename="../ui/sampleworker.cpp" line="89"/>
        <source>; scene cut at %1 s</source>
        <translation>; Szenenschnitt bei %1 s</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::SegmentStrip</name>
    <message>
        <location filename="../ui/segmentstrip.cpp" line="71"/>
        <source>Segment %1 of %2</source>
        <translation>Segment %1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/segmentstrip.cpp" line="73"/>
        <source>Worker: %1</source>
        <translation>Rechner: %1</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::SettingsForm</name>
    <message>
        <location filename="../ui/settingsform.cpp" line="215"/>
        <source>Estimate</source>
        <translation>Schätzung</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="404"/>
        <source>Preview a frame to see the time and size on this computer.</source>
        <translation>Ein Bild in der Vorschau zeigen, um Dauer und Größe auf diesem Computer zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="405"/>
        <source>%1 on this computer</source>
        <translation>%1 auf diesem Computer</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="107"/>
        <source>Custom (see Advanced)</source>
        <translation>Eigene (siehe Erweitert)</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="116"/>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="195"/>
        <source>Made for</source>
        <translation>Gemacht für</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="197"/>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="356"/>
        <source>Set by hand under Advanced.</source>
        <translation>Von Hand unter „Erweitert“ eingestellt.</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="38"/>
        <source>Fisheye alpha (DeoVR, HereSphere)</source>
        <translation>Fisheye-Alpha (DeoVR, HereSphere)</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="40"/>
        <source>Matte only</source>
        <translation>Nur Maske</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="42"/>
        <source>Green screen</source>
        <translation>Greenscreen</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="44"/>
        <source>ProRes 4444 with alpha (.mov)</source>
        <translation>ProRes 4444 mit Alpha (.mov)</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="46"/>
        <source>VP9 with alpha (.webm)</source>
        <translation>VP9 mit Alpha (.webm)</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="48"/>
        <source>PNG sequence with alpha</source>
        <translation>PNG-Sequenz mit Alpha</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="131"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="133"/>
        <source>Each segment is matted and encoded on its own: a failure costs only it.</source>
        <translation>Jedes Segment wird einzeln freigestellt und kodiert: Ein Fehler kostet nur dieses Segment.</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="144"/>
        <source>Gray</source>
        <translation>Grau</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="145"/>
        <source>Red</source>
        <translation>Rot</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="150"/>
        <source>Automatic (NVENC when present, else x265)</source>
        <translation>Automatisch (NVENC, wenn vorhanden, sonst x265)</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="156"/>
        <source>Lower is better quality and bigger files.</source>
        <translation>Niedriger bedeutet bessere Qualität und größere Dateien.</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="162"/>
        <source>Automatic (about 512 px per eye)</source>
        <translation>Automatisch (etwa 512 px pro Auge)</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="167"/>
        <source>Automatic (CUDA when present)</source>
        <translation>Automatisch (CUDA, wenn vorhanden)</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="168"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="169"/>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="172"/>
        <location filename="../ui/settingsform.cpp" line="178"/>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="173"/>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="175"/>
        <source>Downloads RVM&apos;s official weights once and verifies them before use.</source>
        <translation>Lädt die offiziellen RVM-Gewichte einmal herunter und prüft sie vor der Verwendung.</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="177"/>
        <source>Beside the source</source>
        <translation>Neben der Quelle</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="185"/>
        <source>The render farm&apos;s NATS server. With it set, a job can be sent to the farm&apos;s workers instead of running on this computer.</source>
        <translation>Der NATS-Server der Renderfarm. Ist er eingetragen, kann ein Auftrag an die Rechner der Farm gehen, statt auf diesem Computer zu laufen.</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="191"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="192"/>
        <source>The broker user&apos;s password, if the broker asks for one.</source>
        <translation>Das Passwort des Broker-Benutzers, falls der Broker eines verlangt.</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="198"/>
        <source>Segment length</source>
        <translation>Segmentlänge</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="201"/>
        <source>Packing</source>
        <translation>Verpackung</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="202"/>
        <source>Matte channel</source>
        <translation>Maskenkanal</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="203"/>
        <location filename="../ui/settingsform.cpp" line="431"/>
        <source>Key colour</source>
        <translation>Keyfarbe</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="205"/>
        <source>Encoder</source>
        <translation>Encoder</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="206"/>
        <source>Quality (CRF)</source>
        <translation>Qualität (CRF)</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="207"/>
        <source>Model resolution</source>
        <translation>Modellauflösung</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="208"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="209"/>
        <source>Model file</source>
        <translation>Modelldatei</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="211"/>
        <location filename="../ui/settingsform.cpp" line="257"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="212"/>
        <source>Output file</source>
        <translation>Ausgabedatei</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="216"/>
        <source>Render farm</source>
        <translation>Renderfarm</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="249"/>
        <source>Matting model</source>
        <translation>Matting-Modell</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="249"/>
        <source>RVM models (*.pth *.torchscript *.pt)</source>
        <translation>RVM-Modelle (*.pth *.torchscript *.pt)</translation>
    </message>
    <message>
        <location filename="../ui/settingsform.cpp" line="422"/>
        <source>A real alpha channel is for editors: no headset player is known to read it.</source>
        <translation>Ein echter Alphakanal ist für Schnittprogramme: Kein bekannter Headset-Player liest ihn.</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::TargetLabels</name>
    <message>
        <location filename="../ui/targetlabels.cpp" line="9"/>
        <source>Quest / Pico / Vision Pro in HereSphere or DeoVR</source>
        <translation>Quest / Pico / Vision Pro in HereSphere oder DeoVR</translation>
    </message>
    <message>
        <location filename="../ui/targetlabels.cpp" line="11"/>
        <source>Skybox / 4XVR</source>
        <translation>Skybox / 4XVR</translation>
    </message>
    <message>
        <location filename="../ui/targetlabels.cpp" line="13"/>
        <source>Green screen (players that key a colour)</source>
        <translation>Greenscreen (Player, die eine Farbe ausstanzen)</translation>
    </message>
    <message>
        <location filename="../ui/targetlabels.cpp" line="15"/>
        <source>Editing software (ProRes 4444 / VP9 alpha)</source>
        <translation>Schnittprogramme (ProRes 4444 / VP9 mit Alpha)</translation>
    </message>
    <message>
        <location filename="../ui/targetlabels.cpp" line="17"/>
        <source>Matte only</source>
        <translation>Nur die Maske</translation>
    </message>
    <message>
        <location filename="../ui/targetlabels.cpp" line="26"/>
        <source>The matte packed into the fisheye frame&apos;s corners, which DeoVR and HereSphere read (HereSphere: Mask = Alpha packed). Equirect 180 videos become fisheye 180.</source>
        <translation>Die Maske in den Ecken des Fisheye-Bildes, wie DeoVR und HereSphere sie lesen (HereSphere: Mask = Alpha packed). Equirect-180-Videos werden zu Fisheye 180.</translation>
    </message>
    <message>
        <location filename="../ui/targetlabels.cpp" line="29"/>
        <source>The people over green: no report shows these players reading packed alpha, and a key colour is what they can take out.</source>
        <translation>Die Personen vor Grün: Kein Bericht zeigt, dass diese Player gepacktes Alpha lesen, eine Key-Farbe können sie entfernen.</translation>
    </message>
    <message>
        <location filename="../ui/targetlabels.cpp" line="32"/>
        <source>The people over a key colour that the player removes live.</source>
        <translation>Die Personen vor einer Key-Farbe, die der Player live entfernt.</translation>
    </message>
    <message>
        <location filename="../ui/targetlabels.cpp" line="34"/>
        <source>A real alpha channel in ProRes 4444 (.mov) for editing software; no headset player reads it.</source>
        <translation>Ein echter Alphakanal in ProRes 4444 (.mov) für Schnittprogramme; kein Headset-Player liest ihn.</translation>
    </message>
    <message>
        <location filename="../ui/targetlabels.cpp" line="37"/>
        <source>The black-and-white matte alone, for compositing elsewhere.</source>
        <translation>Nur die Schwarz-Weiß-Maske, zum Compositing anderswo.</translation>
    </message>
    <message>
        <location filename="../ui/targetlabels.cpp" line="46"/>
        <source>Fast</source>
        <translation>Schnell</translation>
    </message>
    <message>
        <location filename="../ui/targetlabels.cpp" line="48"/>
        <source>Balanced</source>
        <translation>Ausgewogen</translation>
    </message>
    <message>
        <location filename="../ui/targetlabels.cpp" line="50"/>
        <source>Best</source>
        <translation>Beste</translation>
    </message>
    <message>
        <location filename="../ui/targetlabels.cpp" line="59"/>
        <source>Quick edge refinement, smaller files (CRF 23, veryfast).</source>
        <translation>Schnelle Kantenverfeinerung, kleinere Dateien (CRF 23, veryfast).</translation>
    </message>
    <message>
        <location filename="../ui/targetlabels.cpp" line="61"/>
        <source>The model&apos;s own edge refinement, CRF 20, fast.</source>
        <translation>Die Kantenverfeinerung des Modells, CRF 20, fast.</translation>
    </message>
    <message>
        <location filename="../ui/targetlabels.cpp" line="63"/>
        <source>The model&apos;s own edge refinement, CRF 16, slow: bigger files, finer detail.</source>
        <translation>Die Kantenverfeinerung des Modells, CRF 16, slow: größere Dateien, feinere Details.</translation>
    </message>
</context>
<context>
    <name>passthrough::ui::TimelineView</name>
    <message>
        <location filename="../ui/timelineview.cpp" line="1"/>
        <source>Person %1</source>
        <translation>Person %1</translation>
    </message>
    <message>
        <location filename="../ui/timelineview.cpp" line="1"/>
        <source>Click or drag on the ruler to move through the video. Drag the blue marks (or press I and O) to render only a part. Drag the ends of a bar to change when a correction holds; [ and ] step between a moving region&apos;s key shapes.</source>
        <translation>Auf dem Lineal klicken oder ziehen, um durch das Video zu gehen. Die blauen Marken ziehen (oder I und O drücken), um nur einen Teil zu rendern. Die Enden eines Balkens ziehen, um zu ändern, wann eine Korrektur gilt; [ und ] springen zwischen den Schlüsselformen eines bewegten Bereichs.</translation>
    </message>
    <message>
        <location filename="../ui/timelineview.cpp" line="1"/>
        <source>Region %1</source>
        <translation>Bereich %1</translation>
    </message>
    <message>
        <location filename="../ui/timelineview.cpp" line="1"/>
        <source> (moves)</source>
        <translation> (bewegt)</translation>
    </message>
    <message>
        <location filename="../ui/timelineview.cpp" line="1"/>
        <source>Remove person %1</source>
        <translation>Person %1 entfernen</translation>
    </message>
    <message>
        <location filename="../ui/timelineview.cpp" line="1"/>
        <source>Keep person %1</source>
        <translation>Person %1 behalten</translation>
    </message>
    <message>
        <location filename="../ui/timelineview.cpp" line="1"/>
        <source>The timeline appears once the file is read.</source>
        <translation>Die Zeitleiste erscheint, sobald die Datei gelesen ist.</translation>
    </message>
    <message>
        <location filename="../ui/timelineview.cpp" line="1"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
</context>
</TS>
