/**
 * What every component shares: the kinds ({@link carnot.api.component.ComponentKind}), the provider
 * contract with its stable id and settings schema ({@link carnot.api.component.Provider},
 * {@link carnot.api.component.SettingsSchema}, {@link carnot.api.component.Setting}), validated
 * {@link carnot.api.component.Settings} whose refusals name the field and the allowed values, the
 * registry that finds providers by kind and id, and progress with cancellation
 * ({@link carnot.api.component.ProgressMonitor}).
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package carnot.api.component;
