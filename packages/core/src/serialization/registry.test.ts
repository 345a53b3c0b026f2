import { describe, expect, it } from 'vitest';
import { Registry, registerKerasSerializable } from '@strata/core';

class Widget {
  static className = 'Widget';
  constructor(readonly config: { size?: number } = {}) {}
  getConfig() {
    return { size: this.config.size ?? 1 };
  }
}
class FancyWidget extends Widget {
  static override className = 'FancyWidget';
}

describe('Registry', () => {
  const reg = new Registry<Widget>({ kind: 'widget', module: 'keras.widgets', elsewhere: { Gadget: '@strata/gadgets' } });
  reg.registerClass(Widget, ['small_widget']);
  reg.registerClass(FancyWidget);

  it.each([['Widget'], ['widget'], ['small_widget'], ['smallWidget'], ['SmallWidget']])('get(%s) accepts every spelling', (name) => {
    expect(reg.get(name)).toBeInstanceOf(Widget);
  });

  it('returns instances unchanged and null for null', () => {
    const w = new Widget({ size: 3 });
    expect(reg.get(w)).toBe(w);
    expect(reg.get(null)).toBeNull();
  });

  it('serializes to an envelope and deserializes to an equal object', () => {
    const w = new FancyWidget({ size: 5 });
    const s = reg.serialize(w);
    expect(s).toEqual({ module: 'keras.widgets', className: 'FancyWidget', config: { size: 5 }, registeredName: null });
    const back = reg.deserialize(s as never);
    expect(back).toBeInstanceOf(FancyWidget);
    expect(back.getConfig()).toEqual({ size: 5 });
  });

  it('names accepted identifiers in errors, and the package for objects that live elsewhere', () => {
    expect(() => reg.get('Gizmo')).toThrow(/Unknown widget: "Gizmo". Accepted names: FancyWidget, Widget/);
    expect(() => reg.get('Gadget')).toThrow(/lives in "@strata\/gadgets"/);
  });

  it('resolves registered custom objects and customObjects arguments', () => {
    class Custom extends Widget {}
    const name = registerKerasSerializable(Custom, { package: 'MyApp' });
    expect(name).toBe('MyApp>Custom');
    expect(reg.deserialize({ className: 'Custom', config: { size: 2 }, registeredName: 'MyApp>Custom' })).toBeInstanceOf(Custom);
    class Local extends Widget {}
    expect(reg.deserialize({ className: 'Local', config: {} }, { Local })).toBeInstanceOf(Local);
  });
});
