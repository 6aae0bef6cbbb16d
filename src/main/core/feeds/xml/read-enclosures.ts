import type { Enclosure } from '../../../../shared/api';
import { foldSpace } from '../html/html-to-text';
import { resolveHttpUrl } from '../resolve-url';
import { positiveInteger, type XmlLink } from './read-links';
import { attribute, childNamed, childrenNamed, textContent } from './xml-read';
import type { XmlElement } from './xml-tree';

export interface Media {
  enclosures: Enclosure[];
  imageUrl: string | null;
}

/**
 * An entry's files: RSS <enclosure>, Atom rel="enclosure" links, Media RSS
 * <media:content> (also inside <media:group>) with <media:thumbnail> as the
 * picture, and iTunes' duration and image. One file named twice is kept once.
 */
export function readMedia(entry: XmlElement, links: readonly XmlLink[]): Media {
  const found = new Map<string, Enclosure>();
  const add = (enclosure: Enclosure) => {
    const known = found.get(enclosure.url);
    if (!known) found.set(enclosure.url, enclosure);
    else {
      known.type ??= enclosure.type;
      known.length ??= enclosure.length;
      known.title ??= enclosure.title;
      known.durationSeconds ??= enclosure.durationSeconds;
    }
  };
  for (const element of childrenNamed(entry, '', 'enclosure')) {
    const url = resolveHttpUrl(attribute(element, 'url') ?? attribute(element, 'href') ?? '', element.base);
    if (url) add(file(url, attribute(element, 'type'), positiveInteger(attribute(element, 'length')), null, null));
  }
  for (const link of links) {
    if (link.rel.split(/\s+/).includes('enclosure')) {
      add(file(link.href, link.type, link.length, link.title || null, null));
    }
  }
  const groups = [entry, ...childrenNamed(entry, 'media', 'group')];
  const thumbnails: string[] = [];
  for (const group of groups) {
    const groupTitle = mediaTitle(group);
    for (const content of childrenNamed(group, 'media', 'content')) {
      const url = resolveHttpUrl(attribute(content, 'url') ?? '', content.base);
      thumbnails.push(...thumbnailsOf(content));
      if (!url) continue;
      const medium = (attribute(content, 'medium') ?? '').toLowerCase();
      const type = attribute(content, 'type') ?? (medium === 'image' ? 'image/*' : null);
      const duration = positiveInteger(attribute(content, 'duration'));
      add(
        file(url, type, positiveInteger(attribute(content, 'filesize')), mediaTitle(content) ?? groupTitle, duration),
      );
    }
    thumbnails.push(...thumbnailsOf(group));
  }
  const enclosures = [...found.values()];
  const itunesDuration = parseDuration(textContent(childNamed(entry, 'itunes', 'duration') ?? emptyElement));
  if (itunesDuration !== null) {
    for (const enclosure of enclosures) {
      if (enclosure.durationSeconds === null && isPlayable(enclosure)) enclosure.durationSeconds = itunesDuration;
    }
  }
  const itunesImage = childNamed(entry, 'itunes', 'image');
  const imageUrl =
    thumbnails[0] ??
    (itunesImage
      ? resolveHttpUrl(attribute(itunesImage, 'href') ?? textContent(itunesImage), itunesImage.base)
      : null) ??
    enclosures.find((enclosure) => enclosure.type?.startsWith('image/'))?.url ??
    null;
  return { enclosures, imageUrl };
}

function file(
  url: string,
  type: string | null,
  length: number | null,
  title: string | null,
  durationSeconds: number | null,
): Enclosure {
  const cleanType = type?.trim().toLowerCase() || null;
  return { url, type: cleanType, length, title, durationSeconds };
}

function thumbnailsOf(element: XmlElement): string[] {
  return childrenNamed(element, 'media', 'thumbnail')
    .map((thumbnail) => resolveHttpUrl(attribute(thumbnail, 'url') ?? '', thumbnail.base))
    .filter((url): url is string => url !== null);
}

function mediaTitle(element: XmlElement): string | null {
  const title = childNamed(element, 'media', 'title');
  return title ? foldSpace(textContent(title)) || null : null;
}

const isPlayable = (enclosure: Enclosure) =>
  enclosure.type === null || enclosure.type.startsWith('audio/') || enclosure.type.startsWith('video/');

const emptyElement: XmlElement = { name: '', local: '', ns: '', attrs: new Map(), children: [], base: '' };

/** iTunes durations: "3723", "62:03", "1:02:03" (also with fractions of a second). */
export function parseDuration(value: string): number | null {
  const parts = value.trim().split(':');
  if (parts.length > 3 || !parts[0]) return null;
  let seconds = 0;
  for (const part of parts) {
    const number = Number(part);
    if (!Number.isFinite(number) || number < 0 || part.trim() === '') return null;
    seconds = seconds * 60 + number;
  }
  return seconds > 0 ? Math.round(seconds) : null;
}
