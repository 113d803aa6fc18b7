@echo off
rem carnot.cmd: start Carnot on Windows (the archive's launcher; not run on the Linux machines
rem Carnot is built and tested on). The same commands as the bash launcher:
rem   carnot                        the workbench
rem   carnot run EXPERIMENT.json    headless; see carnot --help
rem Every command takes -w DIR / --workspace DIR (default: %CARNOT_WORKSPACE%, else the current folder).
rem Environment: JAVA_HOME, CARNOT_HEAP (default 8g), CARNOT_THREADS, CARNOT_WORKSPACE.
setlocal EnableExtensions EnableDelayedExpansion
set "HERE=%~dp0"
set "HERE=%HERE:~0,-1%"
set "LAUNCHER="
for %%f in ("%HERE%\plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%~ff"
if not defined LAUNCHER (
  echo carnot: no Equinox launcher under %HERE%\plugins: is this a Carnot installation? 1>&2
  exit /b 3
)
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java.exe")
where "%JAVA%" >nul 2>nul || if not exist "%JAVA%" (
  echo carnot: no Java found: Carnot needs a Java 17 or newer runtime; install one or set JAVA_HOME to it 1>&2
  exit /b 3
)
rem The workspace actually used: -w/--workspace, else CARNOT_WORKSPACE, else the current folder.
set "WORKSPACE=%CARNOT_WORKSPACE%"
if not defined WORKSPACE set "WORKSPACE=%CD%"
set "PREV="
for %%a in (%*) do (
  if "!PREV!"=="-w" set "WORKSPACE=%%~fa"
  if "!PREV!"=="--workspace" set "WORKSPACE=%%~fa"
  set "PREV=%%~a"
)
if not defined CARNOT_HEAP set "CARNOT_HEAP=8g"
if not defined CARNOT_THREADS set "CARNOT_THREADS=%NUMBER_OF_PROCESSORS%"
set "OPT_OUT_TRACKING=true"
set "VM=-Xmx%CARNOT_HEAP% -Doffline=true -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dai.djl.pytorch.num_threads=%CARNOT_THREADS% -Dai.djl.pytorch.num_interop_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.logFile=System.err -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda=error"
set "VM=%VM% -Djava.util.logging.config.file="%HERE%\logging.properties" -Dcarnot.workspace="%WORKSPACE%" -Declipse.p2.data.area="%HERE%\p2" -Dfelix.fileinstall.dir="%WORKSPACE%\plugins""
set "COMMAND=%~1"
if not defined COMMAND set "COMMAND=gui"
if /i "%COMMAND%"=="install" goto provisioning
if /i "%COMMAND%"=="uninstall" goto provisioning
if /i "%COMMAND%"=="list-installed" goto provisioning
rem Each process gets its own OSGi configuration area (plugins of one workspace never linger into
rem another), copied from the installation's; it is removed when the process ends.
set "CONFIGURATION=%TEMP%\carnot-%RANDOM%%RANDOM%"
mkdir "%CONFIGURATION%" && copy /y "%HERE%\configuration\config.ini" "%CONFIGURATION%\" >nul
if /i "%COMMAND%"=="gui" (
  if exist "%WORKSPACE%" if not exist "%WORKSPACE%\plugins" mkdir "%WORKSPACE%\plugins"
  "%JAVA%" %VM% -jar "%LAUNCHER%" -configuration "%CONFIGURATION%" -data "%WORKSPACE%\.carnot-ui"
) else if /i "%COMMAND%"=="shell" (
  if exist "%WORKSPACE%" if not exist "%WORKSPACE%\plugins" mkdir "%WORKSPACE%\plugins"
  "%JAVA%" %VM% -Djava.awt.headless=true -Declipse.ignoreApp=true -Dosgi.noShutdown=true -Dgosh.args= -jar "%LAUNCHER%" -configuration "%CONFIGURATION%" -nosplash
) else (
  "%JAVA%" %VM% -Djava.awt.headless=true -jar "%LAUNCHER%" -configuration "%CONFIGURATION%" -nosplash -application carnot.headless.cli %*
)
set "CODE=%ERRORLEVEL%"
rmdir /s /q "%CONFIGURATION%" 2>nul
exit /b %CODE%

:provisioning
rem p2 changes the installation itself (profile, plugins\, configuration\config.ini).
"%JAVA%" %VM% -Djava.awt.headless=true -jar "%LAUNCHER%" -configuration "%HERE%\configuration" -nosplash -application carnot.headless.cli %*
exit /b %ERRORLEVEL%
