import type { Settings } from '../../../shared/api';

interface Props {
  settings: Settings | null;
  update(patch: Partial<Settings>): Promise<unknown>;
}

/** Load remote images (on by default); off, an item's images load only when asked ("Show images"). */
export function RemoteImagesToggle({ settings, update }: Props) {
  if (!settings) return null;
  return (
    <label className="toggle" title="Off: images from the web load only when you ask, item by item">
      <input
        type="checkbox"
        checked={settings.loadRemoteImages}
        onChange={() => void update({ loadRemoteImages: !settings.loadRemoteImages })}
      />{' '}
      Load remote images
    </label>
  );
}
