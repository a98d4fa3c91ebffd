// @ts-check
/**
 * Installers for Linux (AppImage, deb), Windows (NSIS) and macOS (dmg).
 * Build with `npm run dist` on a machine that can download Electron (this project's build
 * machines cannot: see README). Fuses follow Electron's security checklist; they are
 * flipped in the packaged binary, so they cannot be undone at run time.
 *
 * @type {import('electron-builder').Configuration}
 */
const config = {
  appId: 'app.lockstep.desktop',
  productName: 'Lockstep',
  copyright: 'Copyright © Lockstep',
  directories: { output: 'release', buildResources: 'build' },
  // Only the bundles: main.cjs, preload.cjs and the renderer. Source maps stay out.
  // Everything main and the renderer need is bundled by Vite, so node_modules stays out.
  files: ['dist/**/*', '!dist/**/*.map', 'package.json', '!node_modules/**/*'],
  asar: true,
  npmRebuild: false,
  publish: null,

  protocols: [{ name: 'Lockstep link', schemes: ['lockstep'] }],
  fileAssociations: [
    {
      ext: 'lockstep',
      name: 'Lockstep plan',
      description: 'Lockstep launch plan',
      mimeType: 'application/x-lockstep',
      role: 'Editor',
      icon: 'icons/icon',
    },
  ],

  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
    loadBrowserProcessSpecificV8Snapshot: false,
  },

  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icons/png',
    category: 'Office',
    synopsis: 'Plan product launches together, offline first.',
    // deb requires a maintainer address; replace with the team's before publishing.
    maintainer: 'Lockstep <hello@lockstep.app>',
    desktop: { entry: { StartupWMClass: 'Lockstep' } },
  },
  deb: { packageCategory: 'office' },
  win: {
    target: ['nsis'],
    icon: 'build/icons/icon.ico',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
  },
  mac: {
    target: ['dmg'],
    icon: 'build/icons/icon.icns',
    category: 'public.app-category.productivity',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  dmg: { title: 'Lockstep' },
};

module.exports = config;
