/** Getting started, shown while no provider has a key and no local server answered. */
import type { ChatViewState } from '../../src/shared/viewModels';
import { element } from '../common/dom';
import { actionButton } from '../common/elements';
import { post } from './chatChannel';

export function renderSetupPanel(state: ChatViewState): HTMLElement {
  const others = state.providers.filter((provider) => provider.requiresKey && provider.id !== 'openrouter');
  return element('section', { class: 'setup-panel', 'aria-labelledby': 'setup-title' },
    element('h2', { id: 'setup-title' }, 'Get started'),
    element('p', {}, 'Switchboard needs one way to reach a model. Pick one; you can add more later. Browse models and prices in the picker above meanwhile.'),
    element('ul', {},
      element('li', {},
        element('strong', {}, 'OpenRouter (recommended): '),
        'one key for hundreds of models, including free ones. ',
        actionButton('Sign in with OpenRouter', () => post({ type: 'key/signIn' }), { icon: 'sign-in', action: 'setup-signin', ariaLabel: 'Sign in with OpenRouter in the browser (no key to paste)' }),
        actionButton('Paste OpenRouter key', () => post({ type: 'key/set', provider: 'openrouter' }), { icon: 'key', secondary: true, action: 'setup-openrouter' })),
      element('li', {},
        element('strong', {}, 'A local server: '),
        state.localServerDetected
          ? `${state.localServerDetected} answered on this machine; pick one of its models above.`
          : 'run Ollama or LM Studio (OpenAI-compatible) and its models appear here, no key needed.'),
      element('li', {},
        element('strong', {}, 'Other providers: '),
        others.length > 0 ? `${others.map((provider) => provider.label).join(', ')} with your own key. ` : 'use your own key. ',
        actionButton('Set another key', () => post({ type: 'key/set' }), { icon: 'key', secondary: true, action: 'setup-other' }))));
}
